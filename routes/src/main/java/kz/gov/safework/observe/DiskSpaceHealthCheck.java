package kz.gov.safework.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the hub must not accept documents it cannot make durable, so it reports DOWN when the
 * data directory's file system has less than {@code hub.observe.disk-min-free-mb} left.
 */
public final class DiskSpaceHealthCheck extends AbstractHealthCheck {
    public static final String ID = "disk-space";

    private final DataDirSpace space;
    private final long minFreeBytes;

    public DiskSpaceHealthCheck(DataDirSpace space, long minFreeBytes) {
        super("hub", ID);
        this.space = space;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("dataDir", space.dataDir().toString());
        builder.detail("minFreeBytes", minFreeBytes);
        try {
            long free = space.usableBytes();
            builder.detail("freeBytes", free);
            if (free < minFreeBytes) {
                builder.message("Less than " + minFreeBytes + " bytes free under " + space.dataDir()).down();
            } else {
                builder.up();
            }
        } catch (RuntimeException e) {
            builder.message("Cannot measure free space under " + space.dataDir()).error(e).down();
        }
    }
}
