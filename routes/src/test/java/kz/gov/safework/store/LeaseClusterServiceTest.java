package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import kz.gov.safework.testing.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two hub instances on one database (H2, and PostgreSQL when it is there) competing for the leases of
 * {@link LeaseClusterService}: one holds a namespace at a time, the other takes it over when it is released or
 * has expired, and a route under {@link LeaderRoutePolicy} runs on the holder only.
 */
class LeaseClusterServiceTest {
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final String NS = "imap";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-09T08:00:00Z"));
    /** hub-a and hub-b on the test's database, ticked by the test: see {@link #twoHubs}. */
    private Instance a;
    private Instance b;

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all().stream();
    }

    /**
     * A view ticked by the test (its timer never started), with the leaders it announced: every tick announces one, so
     * {@link #announced} keeps the changes, {@link #ticks} counts them all.
     */
    private record Instance(LeaseClusterView view, List<Optional<String>> announced, AtomicInteger ticks) {
        static Instance of(String id, DataSource ds, Clock clock) {
            LeaseClusterService service = new LeaseClusterService(id, ds, clock, LEASE);
            LeaseClusterView view = service.createView(NS);
            List<Optional<String>> announced = new CopyOnWriteArrayList<>();
            AtomicInteger ticks = new AtomicInteger();
            view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> {
                ticks.incrementAndGet();
                Optional<String> leaderId = Optional.ofNullable(leader).map(CamelClusterMember::getId);
                if (announced.isEmpty() || !announced.get(announced.size() - 1).equals(leaderId)) {
                    announced.add(leaderId);
                }
            });
            return new Instance(view, announced, ticks);
        }

        Optional<String> leader() {
            return view.getLeader().map(CamelClusterMember::getId);
        }
    }

    private void twoHubs(TestDatabases.TestDatabase db) {
        a = Instance.of("hub-a", db.dataSource(), clock);
        b = Instance.of("hub-b", db.dataSource(), clock);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyOneOfTwoInstancesHoldsTheLeaseWhileItIsRenewed(TestDatabases.TestDatabase db) {
        twoHubs(db);

        a.view().tick();
        b.view().tick();
        assertThat(a.view().isLeader()).isTrue();
        assertThat(a.view().getLocalMember().isLeader()).isTrue();
        assertThat(b.view().isLeader()).isFalse();
        assertThat(b.view().getLocalMember().isLeader()).isFalse();
        assertThat(b.leader()).contains("hub-a");
        assertThat(b.view().getMembers()).extracting(CamelClusterMember::getId).containsExactly("hub-b", "hub-a");

        // renewed every third of the lease: after many leases' worth of time hub-a still holds it
        for (int i = 0; i < 10; i++) {
            clock.advance(LEASE.dividedBy(3));
            a.view().tick();
            b.view().tick();
            assertThat(b.view().isLeader()).as("tick %d", i).isFalse();
        }
        assertThat(a.view().isLeader()).isTrue();
        assertThat(a.announced()).containsExactly(Optional.of("hub-a"));
        assertThat(b.announced()).containsExactly(Optional.of("hub-a"));
        // the same leader is announced on every tick, so a listener that could not act on it yet can act on the next
        assertThat(b.ticks()).hasValue(11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anExpiredLeaseIsTakenOverAndTheOldHolderStepsDown(TestDatabases.TestDatabase db) {
        twoHubs(db);
        a.view().tick();

        // hub-a stops renewing (killed): up to the lease's end hub-b waits, one millisecond after it takes over
        clock.advance(LEASE);
        b.view().tick();
        assertThat(b.view().isLeader()).as("at the lease's last millisecond").isFalse();
        clock.advance(Duration.ofMillis(1));
        b.view().tick();
        assertThat(b.view().isLeader()).isTrue();
        assertThat(b.announced()).containsExactly(Optional.of("hub-a"), Optional.of("hub-b"));

        // hub-a comes back (a long pause): it finds the lease taken and steps down
        a.view().tick();
        assertThat(a.view().isLeader()).isFalse();
        assertThat(a.leader()).contains("hub-b");
        assertThat(a.announced()).containsExactly(Optional.of("hub-a"), Optional.of("hub-b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReleasedLeaseIsTakenAtOnceAndADisabledViewTakesNone(TestDatabases.TestDatabase db) {
        twoHubs(db);
        a.view().tick();

        a.view().setDisabled(true);
        assertThat(a.view().isLeader()).isFalse();
        assertThat(a.announced()).containsExactly(Optional.of("hub-a"), Optional.empty());
        b.view().tick();
        assertThat(b.view().isLeader()).as("released, not expired: no wait").isTrue();

        b.view().setDisabled(true);
        a.view().tick();
        assertThat(a.view().isLeader()).as("disabled").isFalse();
        a.view().setDisabled(false);
        a.view().tick();
        assertThat(a.view().isLeader()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anInstanceRestartedUnderItsIdTakesItsLeaseBackAtOnce(TestDatabases.TestDatabase db) {
        Instance.of("hub-a", db.dataSource(), clock).view().tick();

        // killed and started again (same host and data dir, so the same id): no wait for the lease to expire
        Instance restarted = Instance.of("hub-a", db.dataSource(), clock);
        Instance other = Instance.of("hub-b", db.dataSource(), clock);
        restarted.view().tick();
        other.view().tick();
        assertThat(restarted.view().isLeader()).isTrue();
        assertThat(other.view().isLeader()).isFalse();
    }

    @Test
    void anInstanceIsNamedByItsHostAndDataDirUnlessAnIdIsConfigured() {
        Path data = Path.of("/srv/hub-a/data");
        String id = LeaseClusterService.instanceId("", data);
        assertThat(id).matches(".+-[0-9a-f]{8}");
        assertThat(LeaseClusterService.instanceId(" ", Path.of("/srv/hub-a/./data"))).as("same dir").isEqualTo(id);
        assertThat(LeaseClusterService.instanceId("", Path.of("/srv/hub-b/data"))).as("another dir").isNotEqualTo(id);
        assertThat(LeaseClusterService.instanceId(" hub-1 ", data)).isEqualTo("hub-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aListenerAddedAfterTheLeaderWasKnownHearsItAtOnce(TestDatabases.TestDatabase db) {
        twoHubs(db);
        List<String> early = new CopyOnWriteArrayList<>();
        b.view().addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> early.add(leader.getId()));
        assertThat(early).as("no leader known yet: nothing to hear").isEmpty();
        a.view().tick();
        b.view().tick();

        List<String> heard = new CopyOnWriteArrayList<>();
        b.view().addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> heard.add(
                leader.getId() + (leader.isLocal() ? " (local)" : "")));
        a.view().addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> heard.add(
                leader.getId() + (leader.isLocal() ? " (local)" : "")));
        assertThat(heard).containsExactly("hub-a", "hub-a (local)");
        assertThat(early).as("heard when it changed, once").containsExactly("hub-a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHolderThatCannotReachTheDatabaseStepsDown(TestDatabases.TestDatabase db) {
        FailingDataSource failing = new FailingDataSource(db.dataSource());
        Instance holder = Instance.of("hub-a", failing.proxy, clock);
        holder.view().tick();
        assertThat(holder.view().isLeader()).isTrue();

        failing.fail = true;
        holder.view().tick();
        assertThat(holder.view().isLeader()).isFalse();
        assertThat(holder.announced()).containsExactly(Optional.of("hub-a"), Optional.empty());

        failing.fail = false;
        holder.view().tick();
        assertThat(holder.view().isLeader()).as("its own lease, renewed").isTrue();
    }

    /**
     * Two Camel contexts, each with the lease service and a timer route under LeaderRoutePolicy, as two hubs:
     * the route runs on one at a time; stopping that one (a graceful stop releases its lease) starts the other's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSingletonRouteRunsOnTheLeaderAndMovesWhenItStops(TestDatabases.TestDatabase db) throws Exception {
        AtomicInteger ranOnA = new AtomicInteger();
        AtomicInteger ranOnB = new AtomicInteger();
        CamelContext a = hub("hub-a", db.dataSource(), ranOnA);
        CamelContext b = hub("hub-b", db.dataSource(), ranOnB);
        try {
            a.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ranOnA.get() > 0);
            b.start();
            // hub-b has read the lease (its view knows the leader) and so decided not to run its copy
            await().atMost(Duration.ofSeconds(20)).until(() -> view(b).getLeader().map(CamelClusterMember::getId)
                    .equals(Optional.of("hub-a")));
            assertThat(b.getRouteController().getRouteStatus("singleton")).isEqualTo(ServiceStatus.Stopped);
            assertThat(ranOnB).hasValue(0);

            a.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> ranOnB.get() > 0);
            assertThat(b.getRouteController().getRouteStatus("singleton")).isEqualTo(ServiceStatus.Started);
        } finally {
            b.stop();
            a.stop();
        }
    }

    private static LeaseClusterView view(CamelContext context) throws Exception {
        return (LeaseClusterView) context.hasService(LeaseClusterService.class).getView(NS);
    }

    private static CamelContext hub(String id, DataSource ds, AtomicInteger ran) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(new LeaseClusterService(id, ds, Clock.systemUTC(), Duration.ofMillis(900)));
        LeaseClusterService service = context.hasService(LeaseClusterService.class);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("timer:singleton?period=50").routeId("singleton")
                        .routePolicy(new LeaderRoutePolicy(service.getView(NS)))
                        .process(e -> ran.incrementAndGet());
            }
        });
        return context;
    }

    /** The pool of the test database that throws while {@link #fail} is set, as a database out of reach does. */
    private static final class FailingDataSource {
        volatile boolean fail;
        final DataSource proxy;

        FailingDataSource(DataSource target) {
            proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (self, method, args) -> {
                        if (fail && method.getName().equals("getConnection")) {
                            throw new SQLException("connection refused (test)");
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
