package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.mail;
import static kz.gov.safework.connectors.mail.TestMails.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import kz.gov.safework.connectors.common.TestTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mail channel traced: a mail's documents travel in the mail's trace (the adapter's route span, or the
 * sender's {@code traceparent} mail header when it sent one) through the intake, and the reply is sent in it.
 */
class MailTracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SENDER_SPAN = "00f067aa0ba902b7";

    private final TestTracing tracing = new TestTracing();
    private MailFixture hub;

    @BeforeEach
    void start() throws Exception {
        hub = new MailFixture(new Properties(), null, tracing::install);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aMailsDocumentsAndItsReplyAreOneTraceBelowTheAdaptersSpan() throws Exception {
        MimeMessage sent = mail("Минздрав <" + MZ + ">", "Два отчёта", xml("one.xml"), xml("two.xml"));
        hub.deliverToHub(sent);

        List<SpanData> spans = awaitReplySent();
        SpanData adapter = spans.stream().filter(span -> !span.getParentSpanContext().isValid())
                .filter(span -> span.getAttributes().asMap().toString().contains("imap")).findFirst().orElseThrow();
        assertThat(adapter.getAttributes().asMap().toString()).contains("imap");
        assertTrace(spans, adapter.getTraceId(), 2);
        assertThat(hub.envelopes()).hasSize(2)
                .allSatisfy(envelope -> assertThat(envelope.header("traceparent")).startsWith("00-" + adapter.getTraceId()));
    }

    @Test
    void aTraceparentMailHeaderIsContinued() throws Exception {
        MimeMessage sent = mail("Минздрав <" + MZ + ">", "Отчёт", xml("one.xml"));
        sent.setHeader("traceparent", "00-" + TRACE + "-" + SENDER_SPAN + "-01");
        sent.saveChanges();
        hub.deliverToHub(sent);

        List<SpanData> spans = awaitReplySent();
        assertThat(spans.stream().filter(span -> span.getParentSpanContext().isRemote()).toList())
                .singleElement().satisfies(span -> assertThat(span.getParentSpanId()).isEqualTo(SENDER_SPAN));
        assertTrace(spans, TRACE, 1);
    }

    private List<SpanData> awaitReplySent() {
        // The reply is sent, and the adapter's route span (the hub's first of the trace) has ended.
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.inbox(MZ).size() == 1
                && tracing.finished().stream().anyMatch(span -> TestTracing.sentTo(span, "direct://intake"))
                && tracing.finished().stream().anyMatch(span -> isMailRead(span)
                        && (!span.getParentSpanContext().isValid() || span.getParentSpanContext().isRemote())));
        return tracing.finished();
    }

    private static boolean isMailRead(SpanData span) {
        return span.getAttributes().asMap().toString().contains("imap");
    }

    /**
     * The mail's spans in the one trace: the adapter's, and a hand-over to the intake per document. The reply
     * is not in it: it leaves through the mail outbox, sent by the relay's own (timer) exchange.
     */
    private static void assertTrace(List<SpanData> spans, String traceId, int documents) {
        assertThat(spans).filteredOn(span -> TestTracing.sentTo(span, "direct://intake"))
                .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(traceId));
        assertThat(spans).filteredOn(span -> isMailRead(span) && span.getTraceId().equals(traceId)).isNotEmpty();
        assertThat(spans).filteredOn(span -> TestTracing.sentTo(span, "direct://intake")).hasSize(documents);
    }
}
