package kz.gov.safework.receipts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.api.ApiRouteBuilder;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.intake.SubmissionIds;
import kz.gov.safework.store.Outcome;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.validation.Judge;
import org.apache.camel.Exchange;

/**
 * {@code POST /api/validate}: an agency sends a document exactly as it would send it and gets the receipt the hub
 * would answer, with nothing kept. The document is judged by the pipeline's own {@link Judge} and the store's own
 * decision ({@link SubmissionStore#preview}: DUPLICATE, REPORT_ID_REUSED, lateness), as the agency of the login on the
 * channel named by {@code ?channel=} ({@code jms} when absent; its signature policy applies): so the answer cannot
 * drift from a real receipt. Nothing is written to the message log or the store, nothing published, no receipt sent,
 * no meter counted, and the answer is not signed (it is no receipt of a submission); its {@code submissionId} is a
 * fresh one that names nothing. The document may be as large as on every channel ({@code hub.max-document-size}).
 */
public final class ValidateRoutes extends ApiRouteBuilder {
    public static final String PATH = "/api/validate";
    /** The channels whose receipt a check can stand for: those documents come in on. */
    private static final Set<Channel> CHANNELS = Set.of(Channel.JMS, Channel.SFTP, Channel.SFTP_REMOTE, Channel.MAIL);

    private final Judge judge;
    private final SubmissionStore store;
    private final Clock clock;
    private final Path scratch;

    /** @param scratch a folder for the document while it is judged (the judge reads a file); emptied after each */
    public ValidateRoutes(Judge judge, SubmissionStore store, Clock clock, Path scratch, ApiAuthentication anyLogin) {
        super(anyLogin);
        this.judge = judge;
        this.store = store;
        this.clock = clock;
        this.scratch = scratch;
    }

    @Override
    public void configure() throws IOException {
        Files.createDirectories(scratch);
        rest(PATH).description("Check a document without sending it")
                .post().description("The receipt the hub would answer to this document (XML or JSON, as it would be "
                        + "sent), judged as the login's agency on the channel given; nothing is stored, published or "
                        + "counted")
                    // what agencies' systems label a document with; another type (a form) is 415
                    .consumes("application/xml,text/xml,application/json,application/octet-stream,text/plain")
                    .produces("application/json")
                    .param().name("channel").type(org.apache.camel.model.rest.RestParamType.query).required(false)
                        .allowableValues("jms", "sftp", "sftp-remote", "mail").defaultValue("jms")
                        .description("the channel whose receipt to give (its signature policy applies)").endParam()
                    .param().name("body").type(org.apache.camel.model.rest.RestParamType.body).required(true)
                        .description("the document, byte for byte as it would be sent: a progress report in XML "
                                + "(/schemas/report/progress-report-v1.xsd) or JSON "
                                + "(/schemas/report/progress-report-v1.schema.json), signed or not").endParam()
                    .outType(Receipt.class)
                    .to("direct:api-validate");
        apiRoute("api-validate", "api-validate")
                .process(this::validate);
    }

    private void validate(Exchange exchange) throws IOException {
        Principal caller = ApiAuthentication.principal(exchange);
        if (caller.agency() == null) {
            throw ApiProblem.forbidden("Login " + caller.login() + " sends no documents: only an agency's login may check one");
        }
        Channel channel = channel(exchange.getMessage().getHeader("channel", String.class));
        byte[] document = exchange.getMessage().getBody(byte[].class);
        if (document == null) {
            document = new byte[0];
        }
        Path file = Files.createTempFile(scratch, "check-", ".doc");
        try {
            Files.write(file, document);
            Envelope envelope = new Envelope(SubmissionIds.of(channel, caller.login(), "check-" + UUID.randomUUID()),
                    channel, caller.login(), caller.agency(), null, null, null, clock.instant(), null, null, null, null,
                    file, document.length, Sha256.hex(document));
            Outcome outcome = store.preview(envelope, judge.judge(envelope));
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
            exchange.getMessage().setBody(outcome.receiptJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Channel channel(String id) {
        if (id == null || id.isEmpty()) {
            return Channel.JMS;
        }
        return CHANNELS.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> ApiProblem.badRequest(
                "channel must be one of jms, sftp, sftp-remote, mail"));
    }
}
