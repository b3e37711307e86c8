package kz.gov.safework.connectors.sftp;

import kz.gov.safework.connectors.common.IntakeEndpoint;
import kz.gov.safework.connectors.common.SourcePoll;
import kz.gov.safework.connectors.common.SuspendablePoll;
import kz.gov.safework.connectors.common.SuspendedChannels;

import kz.gov.safework.contract.LogText;

import kz.gov.safework.connectors.common.HeaderFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.RemoteSftp;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polling of agencies' own SFTP servers (camel-ftp {@code sftp:}), one route per agency that has a
 * {@code remoteSftp} entry in {@code agencies.yaml}, and the upload of receipts back to its receipts folder.
 *
 * <p>Host keys are always checked against the configured known_hosts line ({@code strictHostKeyChecking=yes},
 * the user's own known_hosts ignored). A file is taken once its size stopped changing
 * ({@code readLock=changed}), downloaded to the hub's work directory, handed to the intake, and only then
 * moved on the remote side to {@code <inbox>/archive/} and recorded in the database (non-eager idempotent
 * repository), so neither a restart nor a second hub instance takes it again. A server that is down or
 * refuses the key fails that agency's polls only; see {@link SourcePoll}.
 */
public final class RemoteSftpRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSftpRoutes.class);
    private static final String RECEIPT_BODY = "swReceiptBody";

    /** Remote sub-folder of the inbox where taken files are moved (a timestamp keeps names unique). */
    public static final String REMOTE_ARCHIVE = "archive";

    /**
     * The route polling an agency's own SFTP server (also its poll status', its idempotent repository's and its
     * channel's name for the operator controls).
     */
    public static String routeId(Agency agency) {
        return "sftp-remote-" + agency.code();
    }

    private final SftpSettings settings;
    private final Map<String, RemoteEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, SourcePoll> watches = new LinkedHashMap<>();

    private final ReferenceData referenceData;
    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SuspendedChannels suspended;

    /**
     * {@code dataSource} is needed only when an agency is polled remotely; {@code meters} may be null; an agency's
     * server is not polled while its channel ({@link #routeId}) is {@code suspended}.
     */
    public RemoteSftpRoutes(SftpSettings settings, ReferenceData referenceData, DataSource dataSource, Clock clock,
                            MeterRegistry meters, SuspendedChannels suspended) {
        this.settings = settings;
        this.referenceData = referenceData;
        this.dataSource = dataSource;
        this.clock = clock;
        this.meters = meters;
        this.suspended = suspended;
    }

    /** How the hub reaches one agency's server: the part of the URI shared by the consumer and the producer. */
    record RemoteEndpoint(Agency agency, String base, String options) {
        String folder(String folder) {
            return base + "/" + trimTrailingSlashes(folder) + "?" + options;
        }
    }

    public Map<String, SourcePoll> watches() {
        return watches;
    }

    @Override
    public void configure() throws Exception {
        List<Agency> remote = referenceData.agencies().stream().filter(a -> a.remoteSftp() != null).toList();
        if (remote.isEmpty()) {
            return;
        }
        java.util.Objects.requireNonNull(dataSource, "remote SFTP polls need the hub's data source");
        DocumentPolicy policy = DocumentPolicy.of(settings);

        // A hand-over that fails (broker away) is retried with back-off, then the file stays where it is and
        // the next scan tries again: nothing is lost, and the log is not flooded.
        onException(Exception.class)
                .maximumRedeliveries(3).redeliveryDelay(settings.retryDelay()).useExponentialBackOff()
                .backOffMultiplier(2).retryAttemptedLogLevel(LoggingLevel.WARN).logExhaustedMessageHistory(false)
                .onRedelivery(StreamBodies.REOPEN);

        for (Agency agency : remote) {
            RemoteEndpoint endpoint = endpoint(agency);
            endpoints.put(agency.code(), endpoint);
            String id = routeId(agency);
            String server = agency.remoteSftp().user() + "@" + agency.remoteSftp().host() + ":"
                    + agency.remoteSftp().port();
            SourcePoll watch = new SourcePoll(id, "the SFTP server of agency " + agency.code() + " ("
                    + agency.nameEn() + ") at " + server, clock);
            watches.put(agency.code(), watch);
            bindToRegistry(id + "-repository", new JdbcIdempotentRepository(dataSource, id, clock));
            bindToRegistry(id + "-poll", new SuspendablePoll(id, suspended, watch));
            bindToRegistry(id + "-health-check", new RemoteSftpHealthCheck(agency, server, watch));
            if (meters != null) {
                watch.bindGauges(meters, settings.remotePollDelay(), () -> suspended.isSuspended(id));
            }

            Path work = settings.remoteWorkDir().resolve(agency.code()).resolve("work");
            Files.createDirectories(work);
            String poll = endpoint.folder(agency.remoteSftp().inbox())
                    + "&localWorkDirectory=RAW(" + work + ")"
                    + "&readLock=changed&readLockCheckInterval=" + settings.remoteStableFor()
                    + "&readLockTimeout=" + (settings.remoteStableFor() * 10 + settings.remoteTimeout())
                    + "&readLockMinLength=0&readLockLoggingLevel=DEBUG"
                    + "&idempotent=true&idempotentEager=false&idempotentRepository=#" + id + "-repository"
                    + "&idempotentKey=${file:name}-${file:size}-${file:modified}"
                    + "&move=" + REMOTE_ARCHIVE + "/${date:now:yyyyMMdd-HHmmssSSS}-${file:name}"
                    + "&autoCreate=false&throwExceptionOnConnectFailed=true&maximumReconnectAttempts=0&pollStrategy=#" + id + "-poll"
                    + "&delay=" + settings.remotePollDelay() + "&maxMessagesPerPoll=100";

            // No stream caching: as the drop box's intake, the body streams from the file (never copied to the heap).
            from(poll).routeId(id).noStreamCaching()
                    .process(new RemoteSftpEnvelope(agency, policy, clock))
                    .process(e -> LOG.info("SFTP file {} from the server of {} ({}) to the intake{}",
                            LogText.of(e.getIn().getHeader(EnvelopeHeaders.FILE_NAME)), agency.code(),
                            LogText.of(e.getIn().getHeader(EnvelopeHeaders.TRANSPORT_ID)), DropBoxRoutes.refusal(e)))
                    .choice().when(IntakeEndpoint::streamed).to(IntakeEndpoint.STREAM_URI)
                        .otherwise().to(IntakeEndpoint.URI);
        }

        from("{{hub.receipts.sftp-remote.uri}}").routeId("sftp-remote-receipts")
                .removeHeaders(HeaderFilter.UNTRUSTED)
                // The receipt as UTF-8 bytes, exactly what the hub signed (not the platform's charset).
                .process(exchange -> exchange.getIn().setBody(
                        exchange.getIn().getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8)))
                // The hub's signature first, as <receipt>.sig, so a receipt that appears has its signature beside it.
                .filter(header(HubSigner.RECEIPT_SIGNATURE).isNotNull())
                    .setProperty(RECEIPT_BODY, body())
                    .setBody(header(HubSigner.RECEIPT_SIGNATURE))
                    .process(exchange -> exchange.getIn().setHeader(Exchange.FILE_NAME,
                            DropBox.safeFileName(fileNameOf(exchange)) + DropBox.RECEIPT_SUFFIX + HubSigner.SIGNATURE_SUFFIX))
                    .recipientList(method(this, "receiptUri"))
                    .setBody(exchangeProperty(RECEIPT_BODY))
                .end()
                .process(exchange -> exchange.getIn().setHeader(Exchange.FILE_NAME,
                        DropBox.safeFileName(fileNameOf(exchange)) + DropBox.RECEIPT_SUFFIX))
                .recipientList(method(this, "receiptUri"))
                .process(e -> LOG.info("SFTP receipt {} {} uploaded to the server of {}: {}",
                        e.getIn().getHeader(EnvelopeHeaders.SUBMISSION_ID), e.getIn().getHeader(EnvelopeHeaders.STATUS),
                        e.getIn().getHeader(EnvelopeHeaders.AGENCY), LogText.of(e.getIn().getHeader(Exchange.FILE_NAME))));
    }

    private static String fileNameOf(Exchange exchange) {
        String name = exchange.getIn().getHeader(EnvelopeHeaders.FILE_NAME, String.class);
        return name != null ? name : exchange.getIn().getHeader(EnvelopeHeaders.SUBMISSION_ID, String.class);
    }

    /** The receipts folder of the agency the receipt belongs to; only configured agencies have one. */
    public String receiptUri(@Header(EnvelopeHeaders.AGENCY) String agencyCode) {
        RemoteEndpoint endpoint = agencyCode == null ? null : endpoints.get(agencyCode);
        if (endpoint == null) {
            throw new IllegalArgumentException("no remote SFTP server configured for agency " + agencyCode);
        }
        return endpoint.folder(endpoint.agency().remoteSftp().receipts())
                + "&tempPrefix=.uploading-&fileExist=Override";
    }

    private RemoteEndpoint endpoint(Agency agency) throws IOException {
        RemoteSftp remote = agency.remoteSftp();
        if (remote.knownHosts() == null || remote.knownHosts().isBlank()) {
            throw new IllegalStateException("agency " + agency.code() + ": remoteSftp.knownHosts is required"
                    + " (host keys are always checked)");
        }
        Path knownHosts = settings.remoteWorkDir().resolve(agency.code()).resolve("known_hosts");
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, remote.knownHosts().strip() + "\n", StandardCharsets.UTF_8);
        Path privateKey = settings.configDir().resolve(remote.privateKey()).normalize();
        if (!Files.isReadable(privateKey)) {
            // One agency's missing key never stops the hub: its polls fail and show in its health check.
            LOG.error("Private key {} of agency {} for its SFTP server is not readable: that server is not polled"
                    + " until the key is there (health check sftp-remote-{})", privateKey, agency.code(), agency.code());
        }
        String base = "sftp://" + remote.host() + ":" + (remote.port() == 0 ? 22 : remote.port());
        String options = "username=RAW(" + remote.user() + ")"
                + "&privateKeyFile=RAW(" + privateKey + ")"
                + "&knownHostsFile=RAW(" + knownHosts + ")"
                + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false"
                + "&connectTimeout=" + settings.remoteTimeout() + "&timeout=" + settings.remoteTimeout()
                + "&binary=true";
        return new RemoteEndpoint(agency, base, options);
    }

    /** A relative folder is under the remote user's home; one starting with "/" is absolute. */
    private static String trimTrailingSlashes(String folder) {
        String f = folder == null ? "" : folder.strip();
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
