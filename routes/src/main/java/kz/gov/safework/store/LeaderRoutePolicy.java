package kz.gov.safework.store;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs its route only on the instance that leads the route's namespace of the cluster service: started when this
 * instance takes the lead, stopped when it loses it. Every leadership event of the view (a {@link LeaseClusterView}
 * sends one on each tick) makes the policy compare the route's state with the lead and correct it, on a thread of its
 * own so that a route stopping slowly does not hold up the renewal of other leases.
 *
 * <p>Put on the route's definition ({@code RouteDefinition.routePolicy}), so that it clears the route's auto-startup
 * flag before the supervising route controller sees the route: that controller starts, once the context has started,
 * every route whose flag it found set, leader or not. Camel's own {@code ClusteredRoutePolicy} clears the flag too, but
 * under that controller (Camel 4.18) the context announces it has started while it is still starting, and the policy,
 * told during the start that it leads, waits for a start it has already been told of: the holder's route never ran.
 * This policy waits for the context to have started, then acts.
 */
public final class LeaderRoutePolicy extends RoutePolicySupport implements CamelClusterEventListener.Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderRoutePolicy.class);

    private final CamelClusterView view;
    private volatile Route route;
    private volatile boolean leader;
    private volatile ScheduledExecutorService worker;
    private boolean waitingForStart;

    public LeaderRoutePolicy(CamelClusterView view) {
        this.view = view;
    }

    /** Whether this instance leads the route's namespace (so runs the route, once the context has started). */
    public boolean isLeader() {
        return leader;
    }

    /**
     * Whether one of {@code policies} (a route's, or a definition's: null when it has none) keeps its route stopped
     * because another instance runs it.
     */
    public static boolean standingBy(Iterable<? extends RoutePolicy> policies) {
        if (policies == null) {
            return false;
        }
        for (RoutePolicy policy : policies) {
            if (policy instanceof LeaderRoutePolicy leaderPolicy && !leaderPolicy.isLeader()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onInit(Route initialised) {
        super.onInit(initialised);
        route = initialised;
        initialised.setAutoStartup(false);
        CamelContext context = initialised.getCamelContext();
        worker = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "leader-" + initialised.getRouteId());
        view.addEventListener(this);
    }

    @Override
    public void leadershipChanged(CamelClusterView changed, CamelClusterMember current) {
        leader = current != null && current.isLocal();
        ScheduledExecutorService executor = worker;
        if (executor == null) {
            return;
        }
        try {
            executor.execute(this::apply);
        } catch (RejectedExecutionException e) {
            LOG.debug("Route {}: the context is stopping, leadership not applied", route.getRouteId());
        }
    }

    /** On the worker thread only. */
    private void apply() {
        Route managed = route;
        CamelContext context = managed.getCamelContext();
        if (context.getStatus().isStarting()) {
            // told during the start (the view announces its leader when the policy subscribes): look again shortly
            if (!waitingForStart) {
                waitingForStart = true;
                worker.schedule(() -> {
                    waitingForStart = false;
                    apply();
                }, 100, TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (!context.getStatus().isStarted()) {
            return; // stopping or stopped: the context stops the routes itself
        }
        String routeId = managed.getRouteId();
        ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
        boolean running = status != null && (status.isStarted() || status.isStarting());
        try {
            if (leader && !running) {
                LOG.info("Route {} started: this instance holds its lease", routeId);
                context.getRouteController().startRoute(routeId);
            } else if (!leader && running) {
                LOG.info("Route {} stopped: this instance no longer holds its lease", routeId);
                context.getRouteController().stopRoute(routeId);
            }
        } catch (Exception e) {
            // the next tick of the view tries again
            LOG.warn("Route {}: cannot {} it: {}", routeId, leader ? "start" : "stop", e.toString());
        }
    }

    @Override
    public void onRemove(Route removed) {
        view.removeEventListener(this);
        super.onRemove(removed);
    }
}
