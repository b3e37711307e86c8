package kz.gov.safework.connectors.mail;

import java.util.Locale;
import kz.gov.safework.connectors.tls.TlsSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code hub.mail.*} setting, read once from Camel's properties. When {@code hub.mail.embedded=true}
 * the IMAP and SMTP sides point at the embedded GreenMail server instead of {@code hub.mail.imap.*} and
 * {@code hub.mail.smtp.*}, so the demo needs no further setting. {@code tls} is the hub's TLS material:
 * its truststore, when set, is what IMAPS and SMTPS servers are checked against.
 */
public record MailSettings(
        boolean enabled,
        Embedded embedded,
        Server imap,
        String folder,
        String processedFolder,
        String quarantineFolder,
        long pollDelayMillis,
        Server smtp,
        String hubAddress,
        String trustedAuthservId,
        MailLimits limits,
        TlsSettings tls,
        Outbox outbox) {

    /**
     * The reply outbox's relay ({@link MailOutbox}): how often it looks for replies to send, the back-off after a
     * refused send (doubling from {@code retryMillis} up to {@code maxRetryMillis}), and how long a mail waits for
     * the receipts of all its documents before it is answered with what is there and what is missing.
     */
    public record Outbox(long periodMillis, long retryMillis, long maxRetryMillis, long replyWaitMillis) {
    }

    /** Keys the production check reads too. */
    public static final String EMBEDDED_KEY = "hub.mail.embedded";
    public static final String IMAP_PASSWORD_KEY = "hub.mail.imap.password";
    public static final String SMTP_PASSWORD_KEY = "hub.mail.smtp.password";
    /** The hub's own mailbox on the embedded server. */
    public static final String EMBEDDED_HUB_ADDRESS = "reports@hub.local";
    /**
     * The authserv-id the embedded server writes its {@code Authentication-Results} with (and strips from what
     * clients send); with the embedded server it is the only one trusted.
     */
    public static final String EMBEDDED_AUTHSERV_ID = "embedded.hub.local";
    /** Embedded servers listen on loopback only. */
    public static final String EMBEDDED_BIND = "127.0.0.1";

    /** A mail server endpoint; {@code password} is never logged (see {@link #toString()}). */
    public record Server(String host, int port, String user, String password, boolean tls) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + (tls ? " (TLS)" : "");
        }
    }

    /** The embedded demo server; {@code enabled=false} when an outside server is used. */
    public record Embedded(boolean enabled, int smtpPort, int imapPort, String hubPassword, String credentialsFile) {
        @Override
        public String toString() {
            return "Embedded[enabled=" + enabled + ", smtp=" + smtpPort + ", imap=" + imapPort + "]";
        }
    }

    /**
     * True when mail to and from real servers goes over TLS checked against the hub's truststore (not only
     * the JVM's default CAs). The host name is checked in every TLS case: Angus Mail's
     * {@code mail.<protocol>.ssl.checkserveridentity} is true by default, and the hub never turns it off.
     */
    public boolean verifiesWithTruststore(Server server) {
        return server.tls() && tls.hasTruststore();
    }

    private static final Logger LOG = LoggerFactory.getLogger(MailSettings.class);
    /** Earlier name of {@code hub.mail.imap.enabled}; it read as "mail off" beside {@code hub.mail.embedded=true}. */
    static final String DEPRECATED_ENABLED = "hub.mail.enabled";
    private static final String DEPRECATED_MAX_ENTRIES = "hub.mail.zip.max-entries";
    private static final String DEPRECATED_MAX_TOTAL_BYTES = "hub.mail.zip.max-total-bytes";

    public static MailSettings load(CamelContext context) {
        PropertiesComponent props = context.getPropertiesComponent();
        Lookup p = new Lookup(props);
        Embedded embedded = new Embedded(
                p.bool(EMBEDDED_KEY, false),
                p.integer("hub.mail.embedded.smtp-port", 3025),
                p.integer("hub.mail.embedded.imap-port", 3143),
                p.string("hub.mail.embedded.hub-password", "reports"),
                p.string("hub.mail.embedded.credentials-file", "config/demo-credentials.properties"));
        boolean enabled = embedded.enabled() || realMailbox(p);
        Server imap;
        Server smtp;
        String hubAddress;
        if (embedded.enabled()) {
            imap = new Server(EMBEDDED_BIND, embedded.imapPort(), EMBEDDED_HUB_ADDRESS, embedded.hubPassword(), false);
            smtp = new Server(EMBEDDED_BIND, embedded.smtpPort(), EMBEDDED_HUB_ADDRESS, embedded.hubPassword(), false);
            hubAddress = EMBEDDED_HUB_ADDRESS;
        } else {
            boolean imapTls = p.bool("hub.mail.imap.tls", true);
            imap = new Server(p.string("hub.mail.imap.host", "localhost"),
                    p.integer("hub.mail.imap.port", imapTls ? 993 : 143),
                    p.string("hub.mail.imap.user", ""), p.string(IMAP_PASSWORD_KEY, ""), imapTls);
            boolean smtpTls = p.bool("hub.mail.smtp.tls", true);
            smtp = new Server(p.string("hub.mail.smtp.host", imap.host()),
                    p.integer("hub.mail.smtp.port", smtpTls ? 465 : 25),
                    p.string("hub.mail.smtp.user", ""), p.string(SMTP_PASSWORD_KEY, ""), smtpTls);
            hubAddress = p.string("hub.mail.from", imap.user());
        }
        return new MailSettings(enabled, embedded, imap,
                p.string("hub.mail.imap.folder", "INBOX"),
                p.string("hub.mail.imap.processed-folder", "Processed"),
                p.string("hub.mail.imap.quarantine-folder", "Quarantine"),
                p.integer("hub.mail.imap.poll-delay", 30_000),
                smtp, hubAddress,
                embedded.enabled() ? EMBEDDED_AUTHSERV_ID : p.string("hub.mail.trusted-authserv-id", ""),
                limits(p),
                embedded.enabled() ? TlsSettings.none() : TlsSettings.load(props),
                new Outbox(p.longValue("hub.mail.outbox.period", 1000),
                        p.longValue("hub.mail.outbox.retry-delay", 5000),
                        p.longValue("hub.mail.outbox.max-retry-delay", 600_000),
                        p.longValue("hub.mail.reply.max-wait", 3_600_000)));
    }

    /** Whether to read a real mailbox ({@code hub.mail.imap.enabled}; the earlier key still works, with a warning). */
    private static boolean realMailbox(Lookup p) {
        if (p.isSet(DEPRECATED_ENABLED)) {
            LOG.warn("{} is deprecated: rename it to hub.mail.imap.enabled (read a real mailbox over IMAP)",
                    DEPRECATED_ENABLED);
            return p.bool(DEPRECATED_ENABLED, false);
        }
        return p.bool("hub.mail.imap.enabled", false);
    }

    /**
     * The per-mail limits. The per-zip keys of earlier versions ({@code hub.mail.zip.*}) are read as the
     * per-mail ones when still set, with a warning.
     */
    private static MailLimits limits(Lookup p) {
        long bytes = p.longValue("hub.mail.max-mail-bytes", 50L * 1024 * 1024);
        int entries = (int) p.longValue("hub.mail.max-entries", 1000);
        if (p.isSet(DEPRECATED_MAX_TOTAL_BYTES)) {
            LOG.warn("{} is deprecated: it now limits the whole mail; rename it to hub.mail.max-mail-bytes",
                    DEPRECATED_MAX_TOTAL_BYTES);
            bytes = p.longValue(DEPRECATED_MAX_TOTAL_BYTES, bytes);
        }
        if (p.isSet(DEPRECATED_MAX_ENTRIES)) {
            LOG.warn("{} is deprecated: it now limits the whole mail; rename it to hub.mail.max-entries",
                    DEPRECATED_MAX_ENTRIES);
            entries = (int) p.longValue(DEPRECATED_MAX_ENTRIES, entries);
        }
        return new MailLimits(bytes, entries);
    }

    private record Lookup(PropertiesComponent props) {
        String string(String key, String fallback) {
            return props.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
        }

        boolean bool(String key, boolean fallback) {
            return Boolean.parseBoolean(string(key, Boolean.toString(fallback)).toLowerCase(Locale.ROOT));
        }

        int integer(String key, int fallback) {
            return Integer.parseInt(string(key, Integer.toString(fallback)));
        }

        long longValue(String key, long fallback) {
            return Long.parseLong(string(key, Long.toString(fallback)));
        }

        boolean isSet(String key) {
            return props.resolveProperty(key).filter(v -> !v.isBlank()).isPresent();
        }
    }
}
