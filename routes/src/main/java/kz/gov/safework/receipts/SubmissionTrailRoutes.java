package kz.gov.safework.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.api.ApiRouteBuilder;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import kz.gov.safework.intake.Pipeline;
import kz.gov.safework.intake.PipelineRoutes;
import kz.gov.safework.observe.OperatorAction;
import kz.gov.safework.observe.OperatorActions;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionSteps;
import kz.gov.safework.store.SubmissionTrail;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;

/**
 * What happened to a submission, and sending its answers once more:
 * <pre>
 * GET  /api/submissions/{submissionId}/trail            every step with its time ({@link SubmissionTrail}); who may
 *                                                       read the document may read its trail
 * POST /api/submissions/{submissionId}/resend-receipt   operator: the stored receipt to the channel once more
 * POST /api/submissions/{submissionId}/republish        operator: the stored feed message to mtszn.feed once more
 * </pre>
 * A resend carries a request id (the caller's {@code Idempotency-Key}, else a new one, answered either way) in every
 * duplicate-detection id on its way ({@link EnvelopeHeaders#RESEND_ID}): the same request repeated is dropped by the
 * broker, so each request delivers at most once more. Every request is recorded in the operator action log.
 */
public final class SubmissionTrailRoutes extends ApiRouteBuilder {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ANSWER = "swResendAnswer";

    private final SubmissionStore store;
    private final MessageLog messageLog;
    private final SubmissionSteps steps;
    private final SubmissionTrail trail;
    private final OperatorActions actions;
    private final Clock clock;

    /** @param anyLogin the API's authentication of any login (an agency then reaches only its own documents) */
    public SubmissionTrailRoutes(SubmissionStore store, MessageLog messageLog, SubmissionSteps steps,
                                 SubmissionTrail trail, OperatorActions actions, Clock clock,
                                 ApiAuthentication anyLogin) {
        super(anyLogin);
        this.store = store;
        this.messageLog = messageLog;
        this.steps = steps;
        this.trail = trail;
        this.actions = actions;
        this.clock = clock;
    }

    @Override
    public void configure() {
        rest("/api/submissions").description("Submitted documents: trail, answers sent once more")
                .get("/{submissionId}/trail").description("Every step of one submission with its time")
                    .produces("application/json").to("direct:submission-trail")
                .post("/{submissionId}/resend-receipt")
                    .description("Operator: send the stored receipt once more (Idempotency-Key: at most once per key)")
                    .produces("application/json").to("direct:submission-resend-receipt")
                .post("/{submissionId}/republish")
                    .description("Operator: publish the stored feed message once more (Idempotency-Key: at most once per key)")
                    .produces("application/json").to("direct:submission-republish");

        apiRoute("submission-trail", "api-submission-trail").process(this::trail);
        apiRoute("submission-resend-receipt", "api-submission-resend-receipt")
                .process(e -> prepare(e, SubmissionSteps.Kind.RECEIPT_RESENT))
                .to(ExchangePattern.InOnly, PipelineRoutes.SEND_RECEIPT) // a send, not a request for a reply
                .process(this::answer);
        apiRoute("submission-republish", "api-submission-republish")
                .process(e -> prepare(e, SubmissionSteps.Kind.FEED_REPUBLISHED))
                .to(ExchangePattern.InOnly, PipelineRoutes.PUBLISH_FEED)
                .process(this::answer);
    }


    private void trail(Exchange exchange) {
        // Who may read a submission's document may read its trail.
        respond(exchange, trail.of(ReceiptApiRoutes.readable(store, exchange).submissionId()));
    }

    /**
     * Checks the caller and the request, records it, and turns the exchange into the answer to send: the HTTP
     * request's headers are dropped first, so nothing of the request travels on as a message property.
     */
    private void prepare(Exchange exchange, SubmissionSteps.Kind kind) {
        Principal caller = ApiAuthentication.principal(exchange);
        if (!caller.has(Role.OPERATOR)) {
            throw ApiProblem.forbidden("Only an operator may send a submission's answers once more");
        }
        String id = exchange.getMessage().getHeader("submissionId", String.class);
        SubmissionStore.StoredAnswers answers = (id == null ? java.util.Optional.<SubmissionStore.StoredAnswers>empty()
                : store.answers(id)).orElseThrow(() -> ApiProblem.notFound("No such submission"));
        String key = exchange.getMessage().getHeader(IDEMPOTENCY_KEY, String.class);
        if (key != null && !REQUEST_ID.matcher(key).matches()) {
            throw ApiProblem.badRequest(IDEMPOTENCY_KEY + " must be 1 to 64 letters, digits, '_' or '-'");
        }
        String requestId = key != null ? key : UUID.randomUUID().toString();
        boolean feed = kind == SubmissionSteps.Kind.FEED_REPUBLISHED;
        if (feed && answers.feedJson() == null) {
            throw ApiProblem.conflict("Submission " + answers.submissionId() + " is " + answers.status()
                    + ": only an accepted document has a feed message");
        }
        boolean repeated = steps.of(answers.submissionId()).stream()
                .anyMatch(s -> s.kind() == kind && requestId.equals(s.requestId()));
        actions.record(new OperatorAction(null, clock.instant(), caller.login(),
                feed ? OperatorAction.Kind.REPUBLISH_FEED : OperatorAction.Kind.RESEND_RECEIPT, answers.submissionId(),
                null, "request " + requestId + (repeated ? ", a repeated request: the broker drops it" : "")));

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("submissionId", answers.submissionId());
        answer.put("requestId", requestId);
        answer.put("repeatedRequest", repeated);
        exchange.setProperty(ANSWER, answer);

        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(EnvelopeHeaders.CHANNEL, answers.channel());
        message.setHeader(EnvelopeHeaders.SUBMISSION_ID, answers.submissionId());
        message.setHeader(EnvelopeHeaders.STATUS, answers.status());
        message.setHeader(EnvelopeHeaders.RECEIVED_AT, answers.receivedAt().toString());
        message.setHeader(EnvelopeHeaders.RESEND_ID, requestId);
        if (answers.agency() != null) {
            message.setHeader(EnvelopeHeaders.AGENCY, answers.agency());
        }
        messageLog.transport(answers.submissionId()).ifPresent(t -> {
            setIfPresent(message, EnvelopeHeaders.LOGIN, t.login());
            setIfPresent(message, EnvelopeHeaders.TRANSPORT_ID, t.transportId());
            setIfPresent(message, EnvelopeHeaders.FILE_NAME, t.fileName());
        });
        // The receipt goes where the first one was addressed (the sender's reply-to, checked again by the adapter).
        steps.firstReceipt(answers.submissionId()).ifPresent(first -> {
            setIfPresent(message, EnvelopeHeaders.REPLY_TO, first.replyTo());
            setIfPresent(message, EnvelopeHeaders.CORRELATION, first.correlation());
        });
        if (feed) {
            message.setHeader(Pipeline.FEED, answers.feedJson());
        }
        message.setBody(answers.receiptJson().getBytes(StandardCharsets.UTF_8));
        // Outside any transaction, in a session of its own: a duplicate is then dropped, not an error.
        exchange.setProperty(Pipeline.REPEATED, true);
        exchange.setProperty(PipelineRoutes.RESENT_BY, caller.login());
    }

    private void answer(Exchange exchange) {
        respond(exchange, exchange.getProperty(ANSWER));
        exchange.getMessage().setHeader(IDEMPOTENCY_KEY,
                ((Map<?, ?>) exchange.getProperty(ANSWER)).get("requestId"));
    }

    private static void setIfPresent(org.apache.camel.Message message, String name, String value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }

    private static void respond(Exchange exchange, Object body) {
        try {
            ReceiptApiRoutes.respond(exchange, "application/json", Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
