package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kz.gov.safework.connectors.common.TestTracing;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.junit.jupiter.api.Test;

/**
 * The drop box traced: an upload starts the document's trace at the adapter's route, and its envelope carries the
 * trace on to the intake as {@code traceparent}; the receipt coming back with that {@code traceparent} is written
 * in the same trace.
 */
class DropBoxTracingTest extends TestHubPerTest {
    private static final String REPORT = "{\"reportId\":\"R-1\",\"agency\":\"MZ\"}";

    private final TestTracing tracing = new TestTracing();
    @Test
    void anUploadStartsATraceThatTheEnvelopeAndTheReceiptCarry() throws Exception {
        hub = TestHub.start(dataDir, TestHub.freePort(), new Properties(), tracing::install);
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/report.json", REPORT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.intake.named("report.json").isEmpty());
        CapturedEnvelopes.Envelope envelope = hub.intake.named("report.json").get(0);

        // The adapter's route span ends when the route has archived the file.
        await().atMost(Duration.ofSeconds(5)).until(() -> tracing.finished().stream()
                .anyMatch(span -> !span.getParentSpanContext().isValid()));
        List<SpanData> spans = tracing.finished();
        SpanData adapter = spans.stream().filter(span -> !span.getParentSpanContext().isValid()).findFirst().orElseThrow();
        assertThat(adapter.getAttributes().asMap().toString()).contains("file");
        SpanData handOver = spans.stream().filter(span -> TestTracing.sentTo(span, "direct://intake")).findFirst()
                .orElseThrow();
        assertThat(handOver.getTraceId()).isEqualTo(adapter.getTraceId());
        assertThat(handOver.getParentSpanId()).isEqualTo(adapter.getSpanId());
        // Read by the test's intake route, whose own span (below the hand-over) is the traceparent it sees; over JMS
        // the message carries the hand-over's.
        SpanData intake = spans.stream().filter(span -> span.getParentSpanId().equals(handOver.getSpanId()))
                .findFirst().orElseThrow();
        assertThat(envelope.header("traceparent")).isEqualTo(TestTracing.traceparent(intake));

        tracing.spans.reset();
        Map<String, Object> receipt = new HashMap<>();
        receipt.put(EnvelopeHeaders.CHANNEL, "sftp");
        receipt.put(EnvelopeHeaders.LOGIN, "mz");
        receipt.put(EnvelopeHeaders.AGENCY, "MZ");
        receipt.put(EnvelopeHeaders.FILE_NAME, "report.json");
        receipt.put(EnvelopeHeaders.REPLY_TO, "/receipts");
        receipt.put(EnvelopeHeaders.SUBMISSION_ID, "S-1");
        receipt.put(EnvelopeHeaders.STATUS, "ACCEPTED");
        receipt.put("traceparent", envelope.header("traceparent"));
        hub.sendReceipt("direct:receipts-sftp", receipt, "{\"submissionId\":\"S-1\",\"status\":\"ACCEPTED\"}");

        assertThat(hub.home("mz").resolve("receipts/report.json.receipt.json")).exists();
        assertThat(tracing.finished()).isNotEmpty()
                .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(adapter.getTraceId()))
                .anySatisfy(span -> assertThat(span.getAttributes().asMap().toString()).contains("direct://receipts-sftp")
                        .contains("EVENT_RECEIVED"));
    }
}
