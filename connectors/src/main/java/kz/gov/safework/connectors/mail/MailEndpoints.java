package kz.gov.safework.connectors.mail;

/**
 * The camel-mail URIs of the channel, built in one place from {@link MailSettings}.
 * User names and passwords go in {@code RAW(...)} so no character in them is read as URI syntax; Camel
 * masks the password wherever it logs an endpoint.
 */
public final class MailEndpoints {
    /** Registry name of the poll strategy that records each IMAP poll for the health check and gauge. */
    public static final String POLL_STRATEGY_BEAN = "mailPollStatus";
    /** Registry name of the SSL parameters (the hub's truststore) for IMAPS and SMTPS. */
    public static final String TLS_BEAN = "mailTls";

    private final MailSettings settings;

    public MailEndpoints(MailSettings settings) {
        this.settings = settings;
    }

    /**
     * The hub's mailbox. {@code mapMailMessage=false}: the body is the raw jakarta.mail message and the route
     * reads it itself, so no mail header is copied into Camel headers by the binding. {@code peek=true}
     * keeps the mail unflagged while it is processed; {@code unseen=false} because every mail still in
     * the folder is unprocessed (processed ones are moved out), even one a person opened in a mail client.
     * Only when the whole exchange completed (every envelope sent) does the consumer flag the mail and move
     * it to the processed folder; a failure leaves it in place to be read again on the next poll.
     */
    public String imapIntake() {
        MailSettings.Server imap = settings.imap();
        return (imap.tls() ? "imaps" : "imap") + "://" + imap.host() + ":" + imap.port()
                + "?username=" + raw(imap.user())
                + "&password=" + raw(imap.password())
                + "&folderName=" + raw(settings.folder())
                + "&moveTo=" + raw(settings.processedFolder())
                + "&delete=false&peek=true&unseen=false&mapMailMessage=false"
                + "&closeFolder=true&skipFailedMessage=false&handleFailedMessage=false"
                + "&maxMessagesPerPoll=50"
                + "&delay=" + settings.pollDelayMillis()
                + "&pollStrategy=#" + POLL_STRATEGY_BEAN
                + (settings.verifiesWithTruststore(imap) ? "&sslContextParameters=#" + TLS_BEAN : "");
    }

    /** Outgoing replies. The body sent there is always a complete MimeMessage built by {@link Replies}. */
    public String smtpReplies() {
        MailSettings.Server smtp = settings.smtp();
        StringBuilder uri = new StringBuilder(smtp.tls() ? "smtps" : "smtp")
                .append("://").append(smtp.host()).append(':').append(smtp.port());
        char separator = '?';
        if (!smtp.user().isEmpty()) {
            uri.append("?username=").append(raw(smtp.user())).append("&password=").append(raw(smtp.password()));
            separator = '&';
        }
        if (settings.verifiesWithTruststore(smtp)) {
            uri.append(separator).append("sslContextParameters=#").append(TLS_BEAN);
        }
        return uri.toString();
    }

    /** Camel's RAW() ends at the first ')', so a value containing one goes in the RAW{} form. */
    static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }
}
