package kz.gov.safework.hub;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import kz.gov.safework.store.LeaseClusterService;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterMember;

/**
 * Two hub instances in one JVM on one fresh in-memory database ({@link TestH2#migrated()}), "hub-a" and "hub-b",
 * built but not started. Closing stops the second, then the first (stopping one already stopped does nothing), then
 * drops the database.
 */
public record TwoHubs(HikariDataSource db, CamelContext first, CamelContext second) implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Builds one hub's context with the given instance id on the shared database. */
    @FunctionalInterface
    public interface Hub {
        CamelContext build(String id, HikariDataSource db) throws Exception;
    }

    public static TwoHubs on(Hub hub) throws Exception {
        HikariDataSource db = TestH2.migrated();
        try {
            return new TwoHubs(db, hub.build("hub-a", db), hub.build("hub-b", db));
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    /**
     * Starts hub-a and waits until it runs the singleton route, then starts hub-b and waits until hub-b has read
     * the lease: it knows hub-a runs the route. Both hubs have a {@link LeaseClusterService} among their services.
     */
    public void startFirstAsLeaderOf(String route) throws Exception {
        first.start();
        await().atMost(WAIT).until(() -> first.getRouteController().getRouteStatus(route) == ServiceStatus.Started);
        second.start();
        await().atMost(WAIT).until(() -> second.hasService(LeaseClusterService.class).getView(route).getLeader()
                .map(CamelClusterMember::getId).filter("hub-a"::equals).isPresent());
    }

    @Override
    public void close() {
        try {
            second.stop();
            first.stop();
        } finally {
            db.close();
        }
    }
}
