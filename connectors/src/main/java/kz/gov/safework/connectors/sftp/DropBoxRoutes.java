package kz.gov.safework.connectors.sftp;

import kz.gov.safework.connectors.common.IntakeEndpoint;
import kz.gov.safework.contract.LogText;

import kz.gov.safework.connectors.common.HeaderFilter;
import kz.gov.safework.connectors.common.SuspendablePoll;
import kz.gov.safework.connectors.common.SuspendedChannels;
import kz.gov.safework.contract.envelope.Channel;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import java.nio.file.Files;
import java.time.Clock;

import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.ReferenceData;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted SFTP drop box: the server itself (a Camel-managed service), the intake of complete uploads
 * from every {@code <login>/inbox/} and the delivery of receipts to {@code <login>/receipts/}.
 */
public final class DropBoxRoutes extends RouteBuilder {
    /** The drop box's intake: every inbox to hub.intake. */
    public static final String INTAKE_ROUTE_ID = "sftp-intake";
    private static final Logger LOG = LoggerFactory.getLogger(DropBoxRoutes.class);

    private final SftpSettings settings;
    private final ReferenceData referenceData;
    private final Credentials credentials;
    private final Clock clock;
    private final SuspendedChannels suspended;
    private DropBoxServer server;

    public DropBoxRoutes(SftpSettings settings, ReferenceData referenceData, Credentials credentials, Clock clock,
                         SuspendedChannels suspended) {
        this.settings = settings;
        this.referenceData = referenceData;
        this.credentials = credentials;
        this.clock = clock;
        this.suspended = suspended;
    }

    /** The running server (after the context started). */
    public DropBoxServer server() {
        return server;
    }

    @Override
    public void configure() throws Exception {
        if (!settings.dropBoxEnabled()) {
            LOG.info("SFTP drop box disabled (hub.sftp.port=0)");
            return;
        }

        DropBox dropBox = new DropBox(settings.dropBoxRoot());
        Files.createDirectories(dropBox.root());
        UploadTracker tracker = new UploadTracker(settings.inboxMaxFiles(), settings.inboxMaxBytes());
        AuthorizedKeys keys = new AuthorizedKeys(settings.authorizedKeys(),
                referenceData.agencies().stream().map(Agency::login).toList());
        server = new DropBoxServer(settings, dropBox, tracker, referenceData, credentials, keys);
        getContext().addService(server, true, true);
        bindToRegistry("sftpDropBoxServer", server);
        bindToRegistry(SftpKeysHealthCheck.ID + "-health-check", new SftpKeysHealthCheck(keys));
        bindToRegistry("sftpInboxFilter", new InboxFilter(dropBox));
        bindToRegistry("sftpUploadReadLock", new UploadReadLock(dropBox, tracker));
        // While an operator has the channel suspended, the inboxes are not scanned: uploads wait there.
        bindToRegistry("sftpInboxPoll", new SuspendablePoll(Channel.SFTP.id(), suspended,
                new DefaultPollingConsumerPollStrategy()));

        // noop + idempotent=false: the route itself archives the file after the envelope is handed over;
        // a failed hand-over leaves the file in the inbox and the next scan tries again.
        String inboxes = "file:" + dropBox.root() + "?recursive=true&noop=true&idempotent=false"
                + "&filter=#sftpInboxFilter&exclusiveReadLockStrategy=#sftpUploadReadLock"
                + "&delay=" + settings.pollDelay() + "&maxMessagesPerPoll=100"
                + "&sortBy=file:modified&pollStrategy=#sftpInboxPoll";

        // A hand-over that fails (broker away) is retried with back-off, then the file stays where it is and
        // the next scan tries again: nothing is lost, and the log is not flooded.
        onException(Exception.class)
                .maximumRedeliveries(3).redeliveryDelay(settings.retryDelay()).useExponentialBackOff()
                .backOffMultiplier(2).retryAttemptedLogLevel(LoggingLevel.WARN).logExhaustedMessageHistory(false)
                .onRedelivery(StreamBodies.REOPEN);

        // No stream caching: the body is a stream over the uploaded file (StreamBodies), and Camel's cache (on by
        // default, not spooled to disk) would copy a 100 MiB upload into the heap before it is sent to the intake.
        from(inboxes).routeId(INTAKE_ROUTE_ID).noStreamCaching()
                .process(new DropBoxEnvelope(dropBox, DocumentPolicy.of(settings), referenceData, clock))
                .process(e -> LOG.info("SFTP upload {} from {} ({}) to the intake{}",
                        LogText.of(e.getIn().getHeader(EnvelopeHeaders.FILE_NAME)),
                        LogText.of(e.getIn().getHeader(EnvelopeHeaders.LOGIN)),
                        LogText.of(e.getIn().getHeader(EnvelopeHeaders.TRANSPORT_ID)), refusal(e)))
                .choice().when(IntakeEndpoint::streamed).to(IntakeEndpoint.STREAM_URI)
                    .otherwise().to(IntakeEndpoint.URI)
                .end()
                .process(new DropBoxArchive(dropBox));

        from("{{hub.receipts.sftp.uri}}").routeId("sftp-receipts")
                .removeHeaders(HeaderFilter.UNTRUSTED)
                .process(new DropBoxReceipts(dropBox, referenceData));
    }

    /** For the intake log line: what the adapter already refused (its receipt will say so), or nothing. */
    static String refusal(org.apache.camel.Exchange exchange) {
        String error = exchange.getIn().getHeader(EnvelopeHeaders.ADAPTER_ERROR, String.class);
        return error == null ? "" : "; refused before reading, the receipt says " + error;
    }
}
