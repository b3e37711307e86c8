package kz.gov.safework.intake;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.store.Outcome;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.validation.Judge;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a logged envelope and stores the judgement; leaves the receipt JSON as the body and the
 * feed message (accepted, first time only... or again on redelivery, deduplicated by the broker) as
 * a header for the publish step.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final String FEED = "swFeed";
    /** Exchange property: true when the store already had this submission and only answers it again. */
    public static final String REPEATED = "swRepeatedAnswer";

    private final Judge judge;
    private final SubmissionStore store;
    private final HubMeters metrics;

    public Pipeline(Judge judge, SubmissionStore store, HubMeters metrics) {
        this.judge = judge;
        this.store = store;
        this.metrics = metrics;
    }

    public void process(Exchange exchange) {
        Envelope envelope = exchange.getMessage().getBody(Envelope.class);
        Verdict verdict = judge.judge(envelope);
        Outcome outcome = store.record(envelope, verdict);
        Receipt receipt = outcome.receipt();
        if (outcome.redelivered()) {
            LOG.info("Redelivered submission {} answered again: {}", envelope.submissionId(), receipt.status());
        } else {
            // Mutation testing: mutants of this line's message text (the error-code list) survive; log text
            // is not part of the contract, so they are equivalent. HubLogConfigurationTest covers the log layout.
            LOG.info("Submission {} from {} via {}: {}{}", envelope.submissionId(), envelope.agency(),
                    envelope.channel().id(), receipt.status(), receipt.errors().isEmpty() ? ""
                            : " " + receipt.errors().stream().map(e -> e.code().name()).distinct().toList());
            metrics.submission(envelope.channel().id(), receipt.agency(), receipt.status().name());
            receipt.errors().stream().map(ValidationError::code).forEach(code -> metrics.validationError(code.name()));
        }
        Message out = exchange.getMessage();
        out.setHeader(EnvelopeHeaders.CHANNEL, envelope.channel().id());
        setIfPresent(out, EnvelopeHeaders.LOGIN, envelope.login());
        setIfPresent(out, EnvelopeHeaders.AGENCY, receipt.agency());
        setIfPresent(out, EnvelopeHeaders.TRANSPORT_ID, envelope.transportId());
        setIfPresent(out, EnvelopeHeaders.FILE_NAME, envelope.fileName());
        setIfPresent(out, EnvelopeHeaders.REPLY_TO, envelope.replyTo());
        setIfPresent(out, EnvelopeHeaders.CORRELATION, envelope.correlation());
        out.setHeader(EnvelopeHeaders.RECEIVED_AT, envelope.receivedAt().toString());
        out.setHeader(EnvelopeHeaders.SUBMISSION_ID, envelope.submissionId());
        out.setHeader(EnvelopeHeaders.STATUS, receipt.status().name());
        setIfPresent(out, FEED, outcome.feedJson());
        exchange.setProperty(REPEATED, outcome.redelivered());
        out.setBody(outcome.receiptJson());
    }

    private static void setIfPresent(Message message, String name, String value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }
}
