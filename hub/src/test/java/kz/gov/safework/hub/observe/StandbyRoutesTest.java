package kz.gov.safework.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import kz.gov.safework.hub.TwoHubs;
import kz.gov.safework.store.LeaderRoutePolicy;
import kz.gov.safework.store.LeaseClusterService;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Two hubs on one database: the singleton route stopped on the instance that does not hold its lease is standing by,
 * so that instance is healthy; the route on the holder is started.
 */
class StandbyRoutesTest {
    @Test
    void aSingletonRouteAnotherInstanceRunsIsNotStillStarting() throws Exception {
        try (TwoHubs hubs = TwoHubs.on(StandbyRoutesTest::hub)) {
            CamelContext leader = hubs.first();
            CamelContext standby = hubs.second();
            // the standby has read the lease: it knows hub-a runs the singleton
            hubs.startFirstAsLeaderOf("singleton");
            assertThat(HealthAndMetricsRoutes.routesStillStarting(standby)).isEmpty();
            assertThat(standby.getRouteController().getRouteStatus("singleton")).isEqualTo(ServiceStatus.Stopped);
            assertThat(HealthAndMetricsRoutes.standby(standby.getRoute("singleton"))).isTrue();
            assertThat(HealthAndMetricsRoutes.standby(leader.getRoute("singleton"))).isFalse();
            assertThat(HealthAndMetricsRoutes.routesStillStarting(leader)).isEmpty();
        }
    }

    private static CamelContext hub(String id, HikariDataSource db) throws Exception {
        CamelContext context = new DefaultCamelContext();
        LeaseClusterService cluster = new LeaseClusterService(id, db, Clock.systemUTC(), Duration.ofSeconds(30));
        context.addService(cluster);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("timer:singleton?period=1000").routeId("singleton")
                        .routePolicy(new LeaderRoutePolicy(cluster.getView("singleton")))
                        .log("tick");
                // and a route of every instance, which has no policy of its own
                from("timer:everywhere?period=1000").routeId("everywhere").log("tick");
            }
        });
        return context;
    }
}
