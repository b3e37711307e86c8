package kz.gov.safework.hub.observe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kz.gov.safework.observe.IntakeRouteControl;
import kz.gov.safework.store.LeaderRoutePolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * Open, unauthenticated observation endpoints for monitoring systems (DESIGN.md §4):
 * {@code /observe/health} (and {@code /live}, {@code /ready}): 200 when every check is UP, 503 with
 * per-check detail otherwise; {@code /observe/metrics}: Prometheus text.
 * <p>Custom routes on purpose, not Camel Main's {@code camel.server.health-check-enabled} /
 * {@code camel.server.metrics-enabled} endpoints: those answer under {@code /q/} (the contract's paths are
 * {@code /observe/...}), without the per-check detail of the 503 nor the routes still starting
 * ({@link #routesStillStarting}), and serve Camel Main's own registry instead of the hub's. The checks themselves
 * are Camel's health-check registry, and the route meters camel-micrometer's route policy.
 */
public final class HealthAndMetricsRoutes extends RouteBuilder {
    private final PrometheusMeterRegistry metrics;

    public HealthAndMetricsRoutes(PrometheusMeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("platform-http:/observe/health?httpMethodRestrict=GET").routeId("observe-health")
                .process(e -> health(e, HealthCheckHelper.invoke(e.getContext()), routesStillStarting(e.getContext())));
        from("platform-http:/observe/health/live?httpMethodRestrict=GET").routeId("observe-liveness")
                .process(e -> health(e, HealthReport.livenessChecks(HealthCheckHelper.invokeLiveness(e.getContext())), List.of()));
        from("platform-http:/observe/health/ready?httpMethodRestrict=GET").routeId("observe-readiness")
                .process(e -> health(e, HealthCheckHelper.invokeReadiness(e.getContext()), routesStillStarting(e.getContext())));
        from("platform-http:/observe/metrics?httpMethodRestrict=GET").routeId("observe-metrics")
                .process(e -> {
                    e.getMessage().getHeaders().clear();
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    e.getMessage().setBody(metrics.scrape());
                });
    }

    /**
     * These paths as OpenAPI 3.0 path items, for the API document ({@code ApiDescription}): platform-http routes, not
     * rest-DSL ones, so Camel's generator does not see them. No login ({@code security: []}).
     */
    public static ObjectNode openApiPaths() {
        ObjectNode paths = JsonNodeFactory.instance.objectNode();
        health(paths, "/observe/health", "Every health check: 200 when all are UP, 503 with the checks that are not");
        health(paths, "/observe/health/live", "Liveness: the checks whose failure a restart cures");
        health(paths, "/observe/health/ready", "Readiness: the checks that say whether the hub can take documents");
        ObjectNode metrics = get(paths, "/observe/metrics", "Prometheus metrics (text exposition format 0.0.4)");
        ObjectNode text = metrics.withObjectProperty("responses").withObjectProperty("200").put("description", "the metrics")
                .withObjectProperty("content").withObjectProperty("text/plain");
        text.withObjectProperty("schema").put("type", "string");
        return paths;
    }

    private static void health(ObjectNode paths, String path, String summary) {
        ObjectNode responses = get(paths, path, summary).withObjectProperty("responses");
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object")
                .put("description", "status UP or DOWN, and each check with its state and detail");
        responses.withObjectProperty("200").put("description", "UP").withObjectProperty("content")
                .withObjectProperty("application/json").set("schema", schema);
        responses.withObjectProperty("503").put("description", "DOWN, or still starting").withObjectProperty("content")
                .withObjectProperty("application/json").set("schema", schema);
    }

    private static ObjectNode get(ObjectNode paths, String path, String summary) {
        ObjectNode operation = paths.withObjectProperty(path).withObjectProperty("get");
        operation.putArray("tags").add("observe");
        operation.put("summary", summary);
        operation.put("operationId", "observe" + path.substring("/observe".length()).replace('/', '-'));
        operation.putArray("security");
        return operation;
    }

    /**
     * Routes not started yet. The supervising route controller adds and starts routes in the background, after the
     * health routes themselves answer; until it has started every route, an API call can still answer 404, so the hub
     * is not yet healthy or ready (liveness does not wait for it). The routes the context has so far are not enough:
     * while the first ones already answered, others were still being added (HealthStartIT saw health UP, then DOWN);
     * so the route definitions not yet made into routes count too, and the controller's own "still starting routes".
     * Singleton routes that another instance runs ({@link #standby}) are not waited for, nor the route of a channel an
     * operator has suspended ({@link IntakeRouteControl#held}), nor a route defined not to start (the suspended queue's
     * at start: it is made into a route only when started).
     */
    static List<String> routesStillStarting(CamelContext context) {
        if (!context.isStarted()) {
            return List.of("the Camel context");
        }
        Set<String> starting = new TreeSet<>();
        context.getRoutes().stream().filter(route -> !standby(route) && !IntakeRouteControl.held(route))
                .map(Route::getRouteId)
                .filter(id -> !context.getRouteController().getRouteStatus(id).isStarted())
                .forEach(starting::add);
        if (context instanceof ModelCamelContext model) {
            model.getRouteDefinitions().stream().filter(definition -> !"false".equals(definition.getAutoStartup()))
                    .filter(definition -> !LeaderRoutePolicy.standingBy(definition.getRoutePolicies()))
                    .map(RouteDefinition::getRouteId)
                    .filter(id -> id != null && context.getRoute(id) == null)
                    .forEach(starting::add);
        }
        if (starting.isEmpty() && context.getRouteController().isStartingRoutes()) {
            starting.add("(the route controller is still starting routes)");
        }
        return List.copyOf(starting);
    }

    /**
     * A singleton route kept stopped because another hub instance holds its lease (SingletonRoutes): standing by, not
     * starting; it starts when this instance takes the lease over.
     */
    static boolean standby(Route route) {
        return LeaderRoutePolicy.standingBy(route.getRoutePolicyList());
    }

    private static void health(Exchange exchange, Collection<HealthCheck.Result> results, List<String> starting) {
        HealthReport report = HealthReport.of(results, starting);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, report.up() ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(report.body().toString());
    }
}
