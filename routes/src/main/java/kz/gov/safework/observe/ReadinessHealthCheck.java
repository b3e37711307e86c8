package kz.gov.safework.observe;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check that counts for readiness (and the full health) but never for liveness: what it watches (the database,
 * the data dir's disk, the store, a suspended channel) is not mended by restarting the hub, so a liveness probe must
 * not restart it for that. The hub's own workers are the liveness check.
 */
public abstract class ReadinessHealthCheck extends AbstractHealthCheck {
    protected ReadinessHealthCheck(String group, String id) {
        super(group, id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
