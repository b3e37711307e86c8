package kz.gov.safework.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the route of each pushed channel (the queue) stopped while an operator has it suspended, and starts it again on
 * resume ({@link #apply}, after every refresh of the suspensions). Stopped, not suspended: a suspended JMS route only
 * stops its listener container, whose pooled connection ignores {@code stop()}, so a receive in progress could still
 * take a message and prefetched messages would stay with the hub; a stopped route closes its consumers and every
 * message waits on the queue. A route whose channel is suspended when the hub starts is never started
 * ({@link #holdSuspendedRoutes}), so not one message is taken before the state is known. Polled channels need none of
 * this: their poll strategy skips every poll while suspended.
 */
public final class IntakeRouteControl implements RoutePolicyFactory {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRouteControl.class);

    private final CamelContext context;
    private final ChannelSuspensions suspensions;
    private final Map<String, IntakeChannel> pushed = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    public IntakeRouteControl(CamelContext context, ChannelSuspensions suspensions) {
        this.context = context;
        this.suspensions = suspensions;
        suspensions.channels().stream().filter(channel -> !channel.polled())
                .forEach(channel -> pushed.put(channel.routeId(), channel));
        suspensions.afterRefresh(this::apply);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        IntakeChannel channel = pushed.get(routeId);
        return channel == null ? null : holds.computeIfAbsent(routeId, id -> new Hold(channel));
    }

    /**
     * Before the context starts, after the channels' routes were added: defines the route of each pushed channel that
     * is suspended now not to start. (Set on the definition, as the supervising route controller decides from it which
     * routes it starts, before any route policy of the hub sees the route.)
     */
    public void holdSuspendedRoutes() {
        for (IntakeChannel channel : pushed.values()) {
            RouteDefinition definition = ((ModelCamelContext) context).getRouteDefinition(channel.routeId());
            if (definition != null && suspensions.isSuspended(channel.id())) {
                definition.autoStartup(false);
            }
        }
    }

    /** Whether {@code route} is stopped because an operator suspended its channel (not starting, not failed). */
    public static boolean held(Route route) {
        return route.getRoutePolicyList().stream().anyMatch(policy -> policy instanceof Hold hold && hold.held);
    }

    /** Stops the route of every suspended pushed channel, starts again the ones this control stopped and that are not. */
    synchronized void apply() {
        if (!context.getStatus().isStarted()) {
            return; // at start each route's Hold decided already; the first refresh after the start catches up
        }
        for (Hold hold : holds.values()) {
            String routeId = hold.channel.routeId();
            boolean suspended = suspensions.isSuspended(hold.channel.id());
            // A route defined not to start has no Route in the context until it is started for the first time.
            Route route = context.getRoute(routeId);
            boolean started = route != null && context.getRouteController().getRouteStatus(routeId).isStarted();
            try {
                if (suspended && started) {
                    hold.held = true;
                    context.getRouteController().stopRoute(routeId);
                    LOG.info("Route {} stopped: channel {} is suspended", routeId, hold.channel.id());
                } else if (!suspended && hold.held && !started) {
                    if (route != null) {
                        route.setAutoStartup(true);
                    }
                    context.getRouteController().startRoute(routeId);
                    hold.held = false;
                    LOG.info("Route {} started: channel {} takes documents in again", routeId, hold.channel.id());
                }
            } catch (Exception e) {
                // the next refresh tries again; the channel's state in the database is what counts
                LOG.warn("Cannot {} route {} for channel {}: {}", suspended ? "stop" : "start", routeId,
                        hold.channel.id(), e.toString());
            }
        }
    }

    /** The policy on a pushed channel's route: keeps it from starting while its channel is suspended. */
    private final class Hold extends RoutePolicySupport {
        private final IntakeChannel channel;
        private volatile boolean held;

        Hold(IntakeChannel channel) {
            this.channel = channel;
        }

        @Override
        public void onInit(Route route) {
            super.onInit(route);
            if (suspensions.isSuspended(channel.id())) {
                held = true;
                route.setAutoStartup(false);
                LOG.info("Route {} not started: channel {} is suspended", route.getRouteId(), channel.id());
            }
        }
    }
}
