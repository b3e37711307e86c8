package kz.gov.safework.hub.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import kz.gov.safework.contract.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Open, unauthenticated observation endpoints for monitoring systems (DESIGN.md §4):
 * {@code /observe/health} (and {@code /live}, {@code /ready}): 200 when every check is UP, 503 with
 * per-check detail otherwise; {@code /observe/metrics}: Prometheus text.
 */
public final class HealthAndMetricsRoutes extends RouteBuilder {
    private final PrometheusMeterRegistry metrics;

    public HealthAndMetricsRoutes(PrometheusMeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("platform-http:/observe/health?httpMethodRestrict=GET").routeId("observe-health")
                .process(e -> health(e, HealthCheckHelper.invoke(e.getContext()), routesStillStarting(e)));
        from("platform-http:/observe/health/live?httpMethodRestrict=GET").routeId("observe-liveness")
                .process(e -> health(e, HealthCheckHelper.invokeLiveness(e.getContext()), List.of()));
        from("platform-http:/observe/health/ready?httpMethodRestrict=GET").routeId("observe-readiness")
                .process(e -> health(e, HealthCheckHelper.invokeReadiness(e.getContext()), routesStillStarting(e)));
        from("platform-http:/observe/metrics?httpMethodRestrict=GET").routeId("observe-metrics")
                .process(e -> {
                    e.getMessage().getHeaders().clear();
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    e.getMessage().setBody(metrics.scrape());
                });
    }

    /**
     * Routes not started yet. The supervising route controller starts routes in the background, after the health
     * route itself answers; until every route has started, an API call can still answer 404, so the hub is not yet
     * healthy or ready (liveness does not wait for it).
     */
    private static List<String> routesStillStarting(Exchange exchange) {
        var context = exchange.getContext();
        if (!context.isStarted()) {
            return List.of("the Camel context");
        }
        return context.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> !context.getRouteController().getRouteStatus(id).isStarted())
                .sorted().toList();
    }

    private static void health(Exchange exchange, Collection<HealthCheck.Result> results, List<String> starting) {
        boolean up = starting.isEmpty() && results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        ArrayNode checks = body.putArray("checks");
        if (!starting.isEmpty()) {
            checks.addObject().put("name", "routes-started").put("state", "DOWN")
                    .put("message", "still starting: " + String.join(", ", starting));
        }
        results.stream().sorted(Comparator.comparing(r -> r.getCheck().getId())).forEach(r -> {
            ObjectNode check = checks.addObject();
            check.put("name", r.getCheck().getId());
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
        });
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }
}
