package kz.gov.safework.connectors.common;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check that counts for readiness (and the full health) but never for liveness: what it watches (a mail server,
 * an agency's SFTP server or key file) is not mended by restarting the hub, so a liveness probe must not restart it
 * for that. The hub's own workers are the liveness check. (The routes' checks have the same base in their module.)
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
