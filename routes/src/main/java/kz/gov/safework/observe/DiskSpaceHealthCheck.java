package kz.gov.safework.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: the hub must not accept documents it cannot make durable, so it reports DOWN when the
 * data directory's file system has less than {@code hub.observe.disk-min-free-mb} left above the point where the
 * embedded Artemis blocks producers ({@code hub.broker.max-disk-usage} percent of the disk in use): readiness goes
 * DOWN first, so a load balancer or operator sees it before senders hang on a blocked broker.
 */
public final class DiskSpaceHealthCheck extends ReadinessHealthCheck {
    public static final String ID = "disk-space";

    private final DataDirSpace space;
    private final long minFreeBytes;
    private final int brokerMaxDiskUsage;

    public DiskSpaceHealthCheck(DataDirSpace space, long minFreeBytes) {
        this(space, minFreeBytes, 100);
    }

    /** @param brokerMaxDiskUsage percent of the disk in use at which the broker blocks; 100: it never does */
    public DiskSpaceHealthCheck(DataDirSpace space, long minFreeBytes, int brokerMaxDiskUsage) {
        super("hub", ID);
        this.space = space;
        this.minFreeBytes = minFreeBytes;
        this.brokerMaxDiskUsage = brokerMaxDiskUsage;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("dataDir", space.dataDir().toString());
        builder.detail("minFreeBytes", minFreeBytes);
        try {
            long free = space.usableBytes();
            long brokerBlocksBelow = space.totalBytes() / 100 * (100 - brokerMaxDiskUsage);
            long threshold = brokerBlocksBelow + minFreeBytes;
            builder.detail("freeBytes", free);
            builder.detail("brokerBlocksBelowFreeBytes", brokerBlocksBelow);
            if (free < threshold) {
                builder.message("Less than " + threshold + " bytes free under " + space.dataDir() + " (the broker blocks"
                        + " below " + brokerBlocksBelow + ")").down();
            } else {
                builder.up();
            }
        } catch (RuntimeException e) {
            builder.message("Cannot measure free space under " + space.dataDir()).error(e).down();
        }
    }
}
