package kz.gov.safework.hub;

import java.util.Set;
import java.util.TreeSet;
import kz.gov.safework.connectors.mail.MailIntakeRoutes;
import kz.gov.safework.connectors.mail.MailReceiptRoutes;
import kz.gov.safework.connectors.sftp.RemoteSftpRoutes;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.cycle.CycleRoutes;
import kz.gov.safework.store.LeaderRoutePolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;

/**
 * The routes that run on one hub instance at a time when several share the database (issue 12), each under
 * a {@link LeaderRoutePolicy} in a namespace of its own (its route id) of the cluster service: the IMAP
 * poller and each agency's SFTP server poller (two pollers would take one mail or file at once) and the relays of
 * the mail and cycle outboxes (two would send one e-mail twice). The reporting cycle's Quartz triggers are
 * clustered by Quartz itself ({@code CycleQuartz}); everything else (queue consumers, the drop box, gauges,
 * retention) runs on every instance.
 *
 * <p>The policy is put on the route definition, not made by a route policy factory: a route's own policies are
 * initialised before those of the factories, and the supervising route controller's factory (added when the context
 * is built) takes every route whose auto-startup flag is still set when it sees it, then starts it once the context
 * has started, leader or not. The leader policy clears that flag first, so the controller leaves these routes to it.
 */
final class SingletonRoutes extends ModelLifecycleStrategySupport {
    private final CamelClusterService cluster;
    private final Set<String> routeIds = new TreeSet<>();

    SingletonRoutes(CamelClusterService cluster, Set<String> routeIds) {
        this.cluster = cluster;
        this.routeIds.addAll(routeIds);
    }

    static SingletonRoutes of(CamelClusterService cluster, ReferenceData referenceData) {
        Set<String> routeIds = new TreeSet<>();
        routeIds.add(MailIntakeRoutes.ROUTE_ID);
        routeIds.add(MailReceiptRoutes.OUTBOX_RELAY_ROUTE_ID);
        routeIds.add(CycleRoutes.OUTBOX_RELAY_ROUTE_ID);
        referenceData.agencies().stream().filter(agency -> agency.remoteSftp() != null)
                .forEach(agency -> routeIds.add(RemoteSftpRoutes.routeId(agency)));
        return new SingletonRoutes(cluster, routeIds);
    }

    Set<String> routeIds() {
        return routeIds;
    }

    /** Puts the policy on the singleton routes already in the model and on those added to it later. */
    void install(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        model.getRouteDefinitions().forEach(this::onAddRouteDefinition);
        model.addModelLifecycleStrategy(this);
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition definition) {
        String routeId = definition.getRouteId();
        if (routeId == null || !routeIds.contains(routeId)) {
            return;
        }
        try {
            definition.routePolicy(new LeaderRoutePolicy(cluster.getView(routeId)));
        } catch (Exception e) {
            throw new IllegalStateException("no cluster view for route " + routeId, e);
        }
    }
}
