package kz.gov.safework.connectors.mail;

import java.util.Map;
import kz.gov.safework.connectors.common.SourcePoll;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN while the latest poll of the hub's mailbox failed (server unreachable, login refused, folder
 * missing), UP once a poll succeeded after that, UNKNOWN before the first poll. Details name the server and
 * folder, never the password.
 */
public final class ImapHealthCheck extends AbstractHealthCheck {
    public static final String ID = "mail-imap";
    private final MailSettings settings;
    private final SourcePoll status;

    public ImapHealthCheck(MailSettings settings, SourcePoll status) {
        super("channels", ID);
        this.settings = settings;
        this.status = status;
    }

    /** A mail server that is down or refuses the login is not mended by restarting the hub: readiness, not liveness. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("server", settings.imap().host() + ":" + settings.imap().port());
        builder.detail("folder", settings.folder());
        status.health(builder, "IMAP mailbox");
    }
}
