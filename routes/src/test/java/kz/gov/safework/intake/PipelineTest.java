package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.TestDatabases;
import kz.gov.safework.validation.BusinessRules;
import kz.gov.safework.validation.Judge;
import kz.gov.safework.validation.NoSignatures;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's one step on its own: what it puts on the exchange for the feed and receipt routes (every
 * envelope header the channel adapters read back, the receipt as the body), and what a redelivered envelope gets.
 */
class PipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config");

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Pipeline pipeline;

    PipelineTest() throws Exception {
        SubmissionStore store = new SubmissionStore(TestDatabases.h2().dataSource(), Clock.systemUTC());
        pipeline = new Pipeline(new Judge(DocumentReader.progressReports(),
                NoSignatures.of(ReferenceData.load(CONFIG)), new BusinessRules(ReferenceData.load(CONFIG)),
                store, 10_000_000), store, new HubMeters(registry));
    }

    private Envelope envelope(String body) throws Exception {
        Path file = dir.resolve(UUID.randomUUID() + ".json");
        Files.writeString(file, body, StandardCharsets.UTF_8);
        return new Envelope(UUID.randomUUID().toString(), Channel.SFTP, "akimat-astana", "AKIMAT-ASTANA", "t-7",
                "report-2023.json", "application/json", Instant.parse("2024-01-05T06:00:00Z"), "receipts.AKIMAT-ASTANA.x",
                "corr-7", null, null, file, Files.size(file), "ab".repeat(32));
    }

    private Exchange run(Envelope envelope) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(envelope);
        pipeline.process(exchange);
        return exchange;
    }

    private double counted() {
        var counter = registry.find(HubMeters.SUBMISSIONS).tag(HubMeters.TAG_STATUS, "ACCEPTED").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAcceptedReportLeavesEveryEnvelopeHeaderTheReceiptAndTheFeedMessage() throws Exception {
        Envelope envelope = envelope(PipelineRoutesTest.report(UUID.randomUUID().toString(), "AKIMAT-ASTANA"));
        Exchange exchange = run(envelope);

        var out = exchange.getMessage();
        assertThat(out.getHeader(EnvelopeHeaders.CHANNEL)).isEqualTo("sftp");
        assertThat(out.getHeader(EnvelopeHeaders.LOGIN)).isEqualTo("akimat-astana");
        assertThat(out.getHeader(EnvelopeHeaders.AGENCY)).isEqualTo("AKIMAT-ASTANA");
        assertThat(out.getHeader(EnvelopeHeaders.TRANSPORT_ID)).isEqualTo("t-7");
        assertThat(out.getHeader(EnvelopeHeaders.FILE_NAME)).isEqualTo("report-2023.json");
        assertThat(out.getHeader(EnvelopeHeaders.REPLY_TO)).isEqualTo("receipts.AKIMAT-ASTANA.x");
        assertThat(out.getHeader(EnvelopeHeaders.CORRELATION)).isEqualTo("corr-7");
        assertThat(out.getHeader(EnvelopeHeaders.RECEIVED_AT)).isEqualTo("2024-01-05T06:00:00Z");
        assertThat(out.getHeader(EnvelopeHeaders.SUBMISSION_ID)).isEqualTo(envelope.submissionId());
        assertThat(out.getHeader(EnvelopeHeaders.STATUS)).isEqualTo("ACCEPTED");
        assertThat(JSON.readTree(out.getHeader(Pipeline.FEED, String.class)).toString()).contains(envelope.submissionId());
        assertThat(JSON.readTree(out.getBody(String.class)).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(exchange.getProperty(Pipeline.REPEATED)).isEqualTo(false);
        assertThat(counted()).isEqualTo(1.0);
    }

    @Test
    void aRedeliveredEnvelopeIsAnsweredAgainAsARepeatAndNotCountedTwice() throws Exception {
        Envelope envelope = envelope(PipelineRoutesTest.report(UUID.randomUUID().toString(), "AKIMAT-ASTANA"));
        String first = run(envelope).getMessage().getBody(String.class);

        Exchange again = run(envelope);

        assertThat(again.getProperty(Pipeline.REPEATED)).isEqualTo(true);
        assertThat(again.getMessage().getBody(String.class)).isEqualTo(first);
        assertThat(counted()).isEqualTo(1.0);
    }

    @Test
    void aRejectedDocumentHasNoFeedMessage() throws Exception {
        Exchange exchange = run(envelope("{\"schema\": \"urn:kz:gov:safework:progress-report:v1\"}"));
        assertThat(exchange.getMessage().getHeader(EnvelopeHeaders.STATUS)).isEqualTo("REJECTED");
        assertThat(exchange.getMessage().getHeader(Pipeline.FEED)).isNull();
    }
}
