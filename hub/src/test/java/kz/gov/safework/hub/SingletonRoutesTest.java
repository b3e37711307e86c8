package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import kz.gov.safework.store.LeaseClusterService;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The singleton routes under the hub's own route controller, the supervising one (camel.routecontroller.enabled):
 * that controller starts every route it supervises once the context has started, so a singleton route it took over
 * would run on every instance. Two contexts on one database, as two hubs: the route runs on the holder of the lease
 * only, and moves when the holder stops.
 */
class SingletonRoutesTest {
    private static final String ROUTE = "poller";

    @Test
    void aSingletonRouteRunsOnTheLeaseHolderOnlyAndMovesWhenItStops() throws Exception {
        try (TwoHubs hubs = TwoHubs.on(SingletonRoutesTest::hub)) {
            CamelContext first = hubs.first();
            CamelContext second = hubs.second();
            hubs.startFirstAsLeaderOf(ROUTE);
            assertThat(status(second)).as("the route on the instance without the lease").isEqualTo(ServiceStatus.Stopped);

            first.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> status(second) == ServiceStatus.Started);
            assertThat(leader(second)).contains("hub-b");
        }
    }

    private static ServiceStatus status(CamelContext context) {
        return context.getRouteController().getRouteStatus(ROUTE);
    }

    private static Optional<String> leader(CamelContext context) throws Exception {
        return context.hasService(LeaseClusterService.class).getView(ROUTE).getLeader().map(CamelClusterMember::getId);
    }

    /** A hub as HubConfiguration builds it: the supervising controller, the routes, then the singleton policies. */
    private static CamelContext hub(String id, HikariDataSource db) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRouteController().supervising();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:" + ROUTE + "?period=200").routeId(ROUTE).log("tick on " + id);
                from("timer:everywhere?period=1000").routeId("everywhere").log("tick");
            }
        });
        LeaseClusterService cluster = new LeaseClusterService(id, db, Clock.systemUTC(), Duration.ofSeconds(2));
        context.addService(cluster, true, true);
        new SingletonRoutes(cluster, Set.of(ROUTE)).install(context);
        return context;
    }
}
