package kz.gov.safework.connectors.mail;

import kz.gov.safework.connectors.common.PolledSourceHealthCheck;
import kz.gov.safework.connectors.common.SourcePoll;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * DOWN while the latest poll of the hub's mailbox failed (server unreachable, login refused, folder missing), UP
 * once a poll succeeded after that, UNKNOWN before the first poll. Details name the server and folder, never the
 * password. Readiness only: a mail server that is down or refuses the login is not mended by restarting the hub.
 */
public final class ImapHealthCheck extends PolledSourceHealthCheck {
    public static final String ID = "mail-imap";
    private final MailSettings settings;

    public ImapHealthCheck(MailSettings settings, SourcePoll status) {
        super("channels", ID, status, "IMAP mailbox");
        this.settings = settings;
    }

    @Override
    protected void details(HealthCheckResultBuilder builder) {
        builder.detail("server", settings.imap().host() + ":" + settings.imap().port());
        builder.detail("folder", settings.folder());
    }
}
