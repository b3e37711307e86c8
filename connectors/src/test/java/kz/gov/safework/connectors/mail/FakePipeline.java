package kz.gov.safework.connectors.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Stands in for the pipeline on {@code {{hub.intake.uri}}} (synchronous {@code direct:} in tests, so a failure
 * here fails the mail route like a broker refusing a send would): records each envelope and answers it on
 * {@code {{hub.receipts.mail.uri}}} with a receipt, REJECTED for an adapter error or a file named bad*,
 * ACCEPTED otherwise.
 */
final class FakePipeline extends RouteBuilder {
    /** Every envelope received, in order. */
    final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
    /** When positive: the attempt with this ordinal (1-based, counting every send) fails once. */
    final AtomicInteger failAttempt = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    record Envelope(Map<String, Object> headers, byte[] body) {
        String header(String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    @Override
    public void configure() {
        from("{{hub.intake.uri}}").routeId("fake-pipeline")
                .process(this::judge)
                .to("{{hub.receipts.mail.uri}}");
    }

    void reset() {
        envelopes.clear();
        failAttempt.set(0);
        attempts.set(0);
    }

    private void judge(Exchange exchange) throws Exception {
        if (attempts.incrementAndGet() == failAttempt.get()) {
            throw new IllegalStateException("intake unavailable (test)");
        }
        Map<String, Object> headers = new LinkedHashMap<>(exchange.getIn().getHeaders());
        envelopes.add(new Envelope(headers, exchange.getIn().getBody(byte[].class)));
        String fileName = exchange.getIn().getHeader(EnvelopeHeaders.FILE_NAME, String.class);
        String adapterError = exchange.getIn().getHeader(EnvelopeHeaders.ADAPTER_ERROR, String.class);
        List<ValidationError> errors = new ArrayList<>();
        if (adapterError != null) {
            errors.add(ValidationError.of(ErrorCode.valueOf(adapterError), ""));
        } else if (fileName != null && fileName.startsWith("bad")) {
            errors.add(ValidationError.of(ErrorCode.SCHEMA_VIOLATION, "/report/year"));
        }
        ReceiptStatus status = errors.isEmpty() ? ReceiptStatus.ACCEPTED : ReceiptStatus.REJECTED;
        String submissionId = "sub-" + exchange.getIn().getHeader(EnvelopeHeaders.TRANSPORT_ID, String.class).hashCode();
        Receipt receipt = new Receipt(submissionId, null, exchange.getIn().getHeader(EnvelopeHeaders.AGENCY, String.class),
                null, status, false, errors, List.of(), Instant.now(), "0".repeat(64), "mail", fileName, null,
                Instant.now());
        exchange.getIn().setHeader(EnvelopeHeaders.SUBMISSION_ID, submissionId);
        exchange.getIn().setHeader(EnvelopeHeaders.STATUS, status.name());
        exchange.getIn().setBody(Json.mapper().writeValueAsString(receipt));
    }
}
