package kz.gov.safework.connectors.common;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of a source the hub polls (its mailbox, an agency's SFTP server) as {@link SourcePoll} saw it: DOWN while
 * the latest poll failed, UP once a poll succeeded after that, UNKNOWN before the first. Readiness only: a server
 * that is down or refuses the login is not mended by restarting the hub, so a liveness probe must not restart it
 * for that. Details say where the source is, never a password.
 */
public abstract class PolledSourceHealthCheck extends AbstractHealthCheck {
    private final SourcePoll poll;
    private final String description;

    /** @param description the source as the check's message names it, e.g. "IMAP mailbox" */
    protected PolledSourceHealthCheck(String group, String id, SourcePoll poll, String description) {
        super(group, id);
        this.poll = poll;
        this.description = description;
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }

    @Override
    protected final void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        details(builder);
        poll.health(builder, description);
    }

    /** Where the source is: server, folder, agency. */
    protected abstract void details(HealthCheckResultBuilder builder);
}
