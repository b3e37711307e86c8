package kz.gov.safework.hub;

import java.util.Set;
import java.util.TreeSet;
import kz.gov.safework.connectors.mail.MailIntakeRoutes;
import kz.gov.safework.connectors.mail.MailReceiptRoutes;
import kz.gov.safework.connectors.sftp.RemoteSftpRoutes;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.cycle.CycleRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * The routes that run on one hub instance at a time when several share the database (issue 12), each under
 * Camel's {@link ClusteredRoutePolicy} in a namespace of its own (its route id) of the cluster service: the IMAP
 * poller and each agency's SFTP server poller (two pollers would take one mail or file at once) and the relays of
 * the mail and cycle outboxes (two would send one e-mail twice). The reporting cycle's Quartz triggers are
 * clustered by Quartz itself ({@code CycleQuartz}); everything else (queue consumers, the drop box, gauges,
 * retention) runs on every instance.
 */
final class SingletonRoutes implements RoutePolicyFactory {
    private final CamelClusterService cluster;
    private final Set<String> routeIds = new TreeSet<>();

    SingletonRoutes(CamelClusterService cluster, ReferenceData referenceData) {
        this.cluster = cluster;
        routeIds.add(MailIntakeRoutes.ROUTE_ID);
        routeIds.add(MailReceiptRoutes.OUTBOX_RELAY_ROUTE_ID);
        routeIds.add(CycleRoutes.OUTBOX_RELAY_ROUTE_ID);
        referenceData.agencies().stream().filter(agency -> agency.remoteSftp() != null)
                .forEach(agency -> routeIds.add(RemoteSftpRoutes.routeId(agency)));
    }

    Set<String> routeIds() {
        return routeIds;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        if (!routeIds.contains(routeId)) {
            return null;
        }
        try {
            ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, routeId);
            policy.setCamelContext(context);
            return policy;
        } catch (Exception e) {
            throw new IllegalStateException("no cluster policy for route " + routeId, e);
        }
    }
}
