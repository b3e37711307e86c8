package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.observe.TraceParent;
import kz.gov.safework.store.Sql;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline traced as the hub traces it (Camel's OpenTelemetry, the SDK's in-memory exporter): a document's
 * envelope arrives from its channel's adapter with the adapter's {@code traceparent}; every span the pipeline
 * makes for it (its consumer, the feed message, the receipt back to the channel) is in that trace, below the
 * adapter's span; the receipt carries the trace on to the channel, and the message log records it.
 */
class PipelineTracingTest {
    private static final String ASTANA = "AKIMAT-ASTANA";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String ADAPTER_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private PipelineTestHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = new PipelineTestHub(SimpleSpanProcessor.create(spans));
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private List<SpanData> judge(Channel channel, String transportId, String traceparent) throws Exception {
        NotifyBuilder done = new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(1).create();
        hub.sendEnvelope(channel, ASTANA, transportId,
                PipelineRoutesTest.report(UUID.randomUUID().toString(), ASTANA), Map.of(TraceParent.HEADER, traceparent));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        return spans.getFinishedSpanItems();
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"JMS", "SFTP", "MAIL"})
    void everyHopOfTheDocumentIsOneTraceBelowTheAdaptersSpan(Channel channel) throws Exception {
        String transportId = "T-" + UUID.randomUUID();
        List<SpanData> tree = judge(channel, transportId, "00-" + TRACE + "-" + ADAPTER_SPAN + "-01");

        assertThat(tree).isNotEmpty().allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE));
        SpanData intake = single(tree, ADAPTER_SPAN);
        assertThat(intake.getName()).isEqualTo("queue:" + Queues.INTAKE);
        // The feed message and the receipt are sent from spans below the pipeline's consumer span.
        SpanData feedSend = sentTo(tree, Queues.MTSZN_FEED);
        SpanData receiptSend = sentTo(tree, "hub.receipts." + channel.id());
        assertThat(ancestors(tree, feedSend)).contains(intake.getSpanId());
        assertThat(ancestors(tree, receiptSend)).contains(intake.getSpanId());

        List<PipelineTestHub.Received> receipts = hub.drain("hub.receipts." + channel.id());
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).message().getStringProperty(TraceParent.HEADER))
                .isEqualTo("00-" + TRACE + "-" + receiptSend.getSpanId() + "-01");
        List<PipelineTestHub.Received> feed = hub.drain(Queues.MTSZN_FEED);
        assertThat(feed).hasSize(1);
        assertThat(feed.get(0).message().getStringProperty(TraceParent.HEADER))
                .isEqualTo("00-" + TRACE + "-" + feedSend.getSpanId() + "-01");
        assertThat(loggedTraceId(SubmissionIds.of(channel, ASTANA.toLowerCase(java.util.Locale.ROOT), transportId)))
                .isEqualTo(TRACE);
    }

    @ParameterizedTest
    // Two kinds of malformed value through the whole pipeline; every other kind is TraceParentTest's.
    @ValueSource(strings = {
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01"})
    void aMalformedTraceparentIsDroppedAndTheDocumentStartsATraceOfItsOwn(String traceparent) throws Exception {
        String transportId = "T-" + UUID.randomUUID();
        List<SpanData> tree = judge(Channel.JMS, transportId, traceparent);

        assertThat(tree).isNotEmpty().noneSatisfy(span -> assertThat(span.getTraceId()).isEqualToIgnoringCase(TRACE));
        SpanData root = tree.stream().filter(span -> !span.getParentSpanContext().isValid()).findFirst().orElseThrow();
        assertThat(root.getName()).isEqualTo("queue:" + Queues.INTAKE);
        assertThat(tree).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(root.getTraceId()));
        assertThat(hub.drain(PipelineTestHub.RECEIPTS).get(0).message().getStringProperty(TraceParent.HEADER))
                .startsWith("00-" + root.getTraceId() + "-");
        assertThat(loggedTraceId(SubmissionIds.of(Channel.JMS, "akimat-astana", transportId)))
                .isEqualTo(root.getTraceId());
    }

    private static SpanData single(List<SpanData> tree, String parentSpanId) {
        List<SpanData> children = tree.stream()
                .filter(span -> span.getParentSpanContext().getSpanId().equals(parentSpanId)).toList();
        assertThat(children).hasSize(1);
        SpanContext parent = children.get(0).getParentSpanContext();
        assertThat(parent.isRemote()).isTrue();
        return children.get(0);
    }

    private static SpanData sentTo(List<SpanData> tree, String queue) {
        List<SpanData> sends = tree.stream()
                // A send to a fixed endpoint names its span after the endpoint's queue; one whose queue travels in
                // CamelJmsDestinationName (the receipt hop), after that queue.
                .filter(span -> (span.getName().equals("queue:" + queue) || span.getName().equals(queue))
                        && "EVENT_SENT".equals(span.getAttributes().get(AttributeKey.stringKey("op"))))
                .toList();
        assertThat(sends).as("spans sending to %s in %s", queue, tree.stream().map(SpanData::getName).toList())
                .hasSize(1);
        return sends.get(0);
    }

    private static List<String> ancestors(List<SpanData> tree, SpanData span) {
        List<String> ids = new java.util.ArrayList<>();
        for (SpanData at = span; at != null; ) {
            String parent = at.getParentSpanId();
            ids.add(parent);
            at = tree.stream().filter(s -> s.getSpanId().equals(parent)).findFirst().orElse(null);
        }
        return ids;
    }

    private String loggedTraceId(String submissionId) {
        List<String> traceIds = Sql.query(hub.database, "SELECT trace_id FROM message_log WHERE submission_id = ?",
                ps -> ps.setString(1, submissionId), rs -> rs.getString(1));
        assertThat(traceIds).hasSize(1);
        return traceIds.get(0);
    }
}
