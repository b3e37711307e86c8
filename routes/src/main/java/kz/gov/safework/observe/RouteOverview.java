package kz.gov.safework.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.util.URISupport;

/** Every route with its state (supervised restarts included) and its route-policy counters. */
public final class RouteOverview {
    // camel-micrometer 4.18 route policy meter names (MicrometerConstants, default naming strategy).
    static final String EXCHANGES_TOTAL = "camel.exchanges.total";
    static final String EXCHANGES_FAILED = "camel.exchanges.failed";
    static final String ROUTE_POLICY = "camel.route.policy";
    static final String ROUTE_ID_TAG = "routeId";

    private final CamelContext context;
    private final MeterRegistry registry;

    public RouteOverview(CamelContext context, MeterRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    public List<RouteView> routes() {
        RouteController controller = context.getRouteController();
        SupervisingRouteController supervising = controller instanceof SupervisingRouteController s ? s : null;
        return context.getRoutes().stream()
                .sorted((a, b) -> a.getRouteId().compareTo(b.getRouteId()))
                .map(route -> view(route, controller, supervising))
                .toList();
    }

    private RouteView view(Route route, RouteController controller, SupervisingRouteController supervising) {
        String id = route.getRouteId();
        // A route stopped because an operator suspended its channel is held, not failing: shown as such.
        String state = IntakeRouteControl.held(route) ? "Held" : String.valueOf(controller.getRouteStatus(id));
        String lastError = null;
        if (supervising != null) {
            if (contains(supervising.getExhaustedRoutes(), id)) {
                state = "Exhausted";
            } else if (contains(supervising.getRestartingRoutes(), id)) {
                state = "Restarting";
            }
            Throwable error = supervising.getRestartException(id);
            lastError = error == null ? null : error.getMessage();
        }
        Timer timer = registry.find(ROUTE_POLICY).tag(ROUTE_ID_TAG, id).timer();
        return new RouteView(id, state,
                readable(URISupport.sanitizeUri(route.getEndpoint().getEndpointBaseUri())),
                count(EXCHANGES_TOTAL, id),
                count(EXCHANGES_FAILED, id),
                context.getInflightRepository().size(id),
                timer == null ? 0 : timer.mean(TimeUnit.SECONDS),
                lastError);
    }

    /** Path parameters read as written in the route ({@code {id}}), not percent-encoded. */
    private static String readable(String uri) {
        return uri.replace("%7B", "{").replace("%7D", "}");
    }

    private static boolean contains(Collection<Route> routes, String id) {
        return routes.stream().anyMatch(r -> r.getRouteId().equals(id));
    }

    private long count(String name, String routeId) {
        return (long) registry.find(name).tag(ROUTE_ID_TAG, routeId).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
