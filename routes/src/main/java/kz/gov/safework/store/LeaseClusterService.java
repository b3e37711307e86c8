package kz.gov.safework.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kz.gov.safework.contract.HubDirectories;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.cluster.AbstractCamelClusterService;

/**
 * Camel's cluster service on the hub's own database, for hub instances that share it (issue 12): one view per
 * namespace, and in each view the instance holding the namespace's row of {@code cluster_lease} is the leader.
 * Routes that must run on one instance at a time carry a {@link LeaderRoutePolicy} for their namespace:
 * the leader's copy runs, the others stay stopped, and when the leader stops (its lease released) or dies (its
 * lease no longer renewed, so it expires) another instance takes the lease on its next tick and starts its copy.
 * Each view renews every third of the lease's duration; a renewal that fails or finds the lease taken makes
 * the instance step down at once.
 */
public final class LeaseClusterService extends AbstractCamelClusterService<LeaseClusterView> {
    /** This instance's name among the hubs sharing the database (leases, Quartz); empty: {@link #instanceId}. */
    public static final String INSTANCE_ID_KEY = "hub.cluster.instance-id";
    /** How long a lease lasts unless its holder renews it. */
    public static final String LEASE_KEY = "hub.cluster.lease";
    /** The hub's data dir (the hub's own key), which names an instance when no id is configured. */

    private final Leases leases;
    private ScheduledExecutorService timer;

    /**
     * @param instanceId this instance's name in {@code cluster_lease.holder} (unique among the instances)
     * @param lease how long a lease lasts unless renewed: the longest a dead leader's singletons pause
     */
    public LeaseClusterService(String instanceId, DataSource dataSource, Clock clock, Duration lease) {
        super(instanceId);
        this.leases = new Leases(dataSource, clock, lease);
    }

    /**
     * {@value #INSTANCE_ID_KEY}, or when it is empty {@code <host name>-<8 hex of the data dir's path>}: unique among
     * running instances (each has a data dir of its own), and the same across restarts, so an instance restarted
     * after a crash renews its own leases at once instead of waiting for them to expire.
     */
    public static String instanceId(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        return instanceId(properties.resolveProperty(INSTANCE_ID_KEY).orElse(""),
                Path.of(properties.resolveProperty(HubDirectories.DATA_DIR_KEY).orElse("./data")));
    }

    static String instanceId(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return host + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected LeaseClusterView createView(String namespace) {
        return new LeaseClusterView(this, namespace, leases);
    }

    @Override
    protected void doStart() throws Exception {
        timer = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "cluster-lease");
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop(); // the views release their leases
        if (timer != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
    }

    /** Runs a view's tick every third of the lease's duration, the first a third from now. */
    ScheduledFuture<?> every(Runnable tick) {
        long period = Math.max(1, leases.duration().toMillis() / 3);
        return timer.scheduleWithFixedDelay(tick, period, period, TimeUnit.MILLISECONDS);
    }
}
