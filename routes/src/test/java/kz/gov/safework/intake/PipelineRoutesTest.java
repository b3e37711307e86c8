package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.observe.ArtemisManagement;
import kz.gov.safework.observe.DeadLetter;
import kz.gov.safework.observe.DeadLetters;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.observe.OperatorActions;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline routes end to end over a real broker and database ({@link PipelineTestHub}): what goes to
 * the feed, what goes back as a receipt, what a redelivered envelope gets, and what happens when the store
 * keeps failing until {@code hub.pipeline.max-attempts} deliveries are used up.
 */
class PipelineRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASTANA = "AKIMAT-ASTANA";

    private static final String ID_ACCEPT_1 = UUID.randomUUID().toString();
    private static final String ID_REJECT_1 = UUID.randomUUID().toString();
    private static final String ID_AGAIN_1 = UUID.randomUUID().toString();
    private static final String ID_AGAIN_CHANGED = UUID.randomUUID().toString();
    private static final String ID_DOWN_1 = UUID.randomUUID().toString();

    private PipelineTestHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = new PipelineTestHub();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    static String report(String reportId, String agency) {
        return """
                {
                  "schema": "urn:kz:gov:safework:progress-report:v1",
                  "reportId": "%s",
                  "agency": "%s",
                  "plan": "safe-labor-2021-2025",
                  "year": 2023,
                  "contact": {"name": "Айгерим Сейтқали", "email": "otchet@astana.gov.kz"},
                  "items": [
                    {"item": "14", "status": "IN_PROGRESS",
                     "narrativeRu": "Проведены проверки соблюдения требований охраны труда на 120 предприятиях."}
                  ]
                }
                """.formatted(reportId, agency);
    }

    private NotifyBuilder pipelineDone(int exchanges) {
        return new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(exchanges).create();
    }

    @Test
    void anAcceptedReportGoesToTheFeedAndGetsAnAcceptedReceipt() throws Exception {
        NotifyBuilder done = pipelineDone(1);
        String transportId = hub.sendEnvelope(ASTANA, report(ID_ACCEPT_1, ASTANA));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();

        List<PipelineTestHub.Received> receipts = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(receipts).hasSize(1);
        JsonNode receipt = JSON.readTree(receipts.get(0).text());
        assertThat(receipt.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.get("agency").asText()).isEqualTo(ASTANA);
        assertThat(receipt.get("reportId").asText()).isEqualTo(ID_ACCEPT_1);
        // What the channel's receipt route needs to find its way back to the sender.
        Message sent = receipts.get(0).message();
        assertThat(sent.getStringProperty(EnvelopeHeaders.STATUS)).isEqualTo("ACCEPTED");
        assertThat(sent.getStringProperty(EnvelopeHeaders.CHANNEL)).isEqualTo("jms");
        assertThat(sent.getStringProperty(EnvelopeHeaders.AGENCY)).isEqualTo(ASTANA);
        assertThat(sent.getStringProperty(EnvelopeHeaders.LOGIN)).isEqualTo("akimat-astana");
        assertThat(sent.getStringProperty(EnvelopeHeaders.TRANSPORT_ID)).isEqualTo(transportId);
        assertThat(sent.getStringProperty(EnvelopeHeaders.CORRELATION)).isEqualTo(transportId);
        assertThat(sent.getStringProperty(EnvelopeHeaders.SUBMISSION_ID)).isEqualTo(receipt.get("submissionId").asText());
        assertThat(sent.getStringProperty(EnvelopeHeaders.RECEIVED_AT)).isNotBlank();
        // Signed over the exact bytes the receipt carries (the test's signer names what it was given).
        assertThat(sent.getStringProperty(HubSigner.RECEIPT_SIGNATURE))
                .isEqualTo(PipelineTestHub.SIGNER.sign(receipts.get(0).text().getBytes(StandardCharsets.UTF_8)));
        assertThat(hub.registry.find(HubMeters.END_TO_END).timer()).isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));

        List<PipelineTestHub.Received> feed = hub.drain(Queues.MTSZN_FEED);
        assertThat(feed).hasSize(1);
        assertThat(feed.get(0).message().getJMSType()).isEqualTo("progress-report");
        assertThat(feed.get(0).message().getStringProperty(HubSigner.FEED_SIGNATURE))
                .isEqualTo(PipelineTestHub.SIGNER.sign(feed.get(0).text().getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.getStringProperty(HubSigner.FEED_SIGNATURE)).as("the feed's signature stays on the feed").isNull();
        JsonNode published = JSON.readTree(feed.get(0).text());
        assertThat(published.toString()).contains(ID_ACCEPT_1);
        assertThat(published.get("submissionId").asText()).isEqualTo(receipt.get("submissionId").asText());
        assertThat(submissionsCounted("ACCEPTED")).isEqualTo(1.0);
    }

    @Test
    void aTextEnvelopeWithoutTransportIdIsKnownByItsMessageIdAndLoggedByteForByte() throws Exception {
        NotifyBuilder done = pipelineDone(1);
        String body = report(UUID.randomUUID().toString(), ASTANA);
        String messageId = hub.sendTextEnvelopeWithoutTransportId(ASTANA, body);
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();

        JsonNode receipt = JSON.readTree(hub.drain(PipelineTestHub.RECEIPTS).get(0).text());
        assertThat(receipt.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.get("submissionId").asText())
                .isEqualTo(SubmissionIds.of(kz.gov.safework.contract.envelope.Channel.JMS, "akimat-astana", messageId));
        assertThat(receipt.get("sha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aRejectedReportGetsAReceiptWithItsCodesAndNothingOnTheFeed() throws Exception {
        NotifyBuilder done = pipelineDone(1);
        // Astana's login sends a report in the name of the Ministry of Health.
        hub.sendEnvelope(ASTANA, report(ID_REJECT_1, "MZ"));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();

        List<PipelineTestHub.Received> receipts = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(receipts).hasSize(1);
        JsonNode receipt = JSON.readTree(receipts.get(0).text());
        assertThat(receipt.get("status").asText()).isEqualTo("REJECTED");
        assertThat(receipt.get("errors").findValuesAsText("code")).contains("AGENCY_MISMATCH");
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isZero();
        assertThat(submissionsCounted("REJECTED")).isEqualTo(1.0);
        assertThat(hub.registry.find(HubMeters.VALIDATION_ERRORS).tag(HubMeters.TAG_CODE, "AGENCY_MISMATCH").counter())
                .isNotNull().satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
    }

    @Test
    void aRedeliveredEnvelopeGetsTheStoredAnswerAndNothingNewGoesOut() throws Exception {
        NotifyBuilder first = pipelineDone(1);
        String transportId = hub.sendEnvelope(ASTANA, report(ID_AGAIN_1, ASTANA));
        assertThat(first.matches(20, TimeUnit.SECONDS)).isTrue();
        String stored = hub.drain(PipelineTestHub.RECEIPTS).get(0).text();

        // The same envelope again (same transport id, so the same submission id), as after a crash
        // between the store's commit and the JMS commit; this time the report differs, which must not matter.
        NotifyBuilder second = pipelineDone(1);
        hub.sendEnvelope(ASTANA, transportId, report(ID_AGAIN_CHANGED, ASTANA));
        assertThat(second.matches(20, TimeUnit.SECONDS)).isTrue();

        // The broker's duplicate detection drops the repeated receipt and feed message; the store keeps one row.
        assertThat(hub.drain(PipelineTestHub.RECEIPTS)).isEmpty();
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM submission")).isEqualTo(1);
        assertThat(JSON.readTree(stored).get("reportId").asText()).isEqualTo(ID_AGAIN_1);
        assertThat(submissionsCounted("ACCEPTED")).isEqualTo(1.0);
    }

    @Test
    void oneEnvelopeAnsweredAgainOnTwoThreadsAtOnceIsAnsweredOneThreadAfterTheOther() throws Exception {
        // As when the broker fails over: a consumer's session is closed under a thread still answering a redelivered
        // envelope, and the broker gives it to another consumer. Two sends of one duplicate-detection id racing each
        // other can both pass the broker's check, so the second thread must wait until the first has sent.
        hub.close();
        hub = PipelineTestHub.withConsumers(2);
        NotifyBuilder first = pipelineDone(1);
        String transportId = hub.sendEnvelope(ASTANA, report(UUID.randomUUID().toString(), ASTANA));
        assertThat(first.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(hub.drain(PipelineTestHub.RECEIPTS)).hasSize(1);

        java.util.concurrent.atomic.AtomicInteger publishing = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AdviceWith.adviceWith(hub.context, "feed-publish", route -> route.weaveAddFirst().process(e -> {
            publishing.incrementAndGet();
            assertThat(release.await(60, TimeUnit.SECONDS)).as("released by the test").isTrue();
        }));
        NotifyBuilder again = pipelineDone(2);
        hub.sendEnvelope(ASTANA, transportId, report(UUID.randomUUID().toString(), ASTANA));
        hub.sendEnvelope(ASTANA, transportId, report(UUID.randomUUID().toString(), ASTANA));
        // One thread is publishing; the other either publishes too (the race) or waits for the answering lock, which
        // H2 shows as a session blocked by another.
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .until(() -> publishing.get() == 2 || count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                        + "WHERE BLOCKER_ID IS NOT NULL") > 0);
        assertThat(publishing).as("threads publishing the same submission's feed message at once").hasValue(1);
        release.countDown();
        assertThat(again.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(publishing).as("both answered, one after the other").hasValue(2);
        // Both answers were dropped by the broker's duplicate detection, as for any repeated answer.
        assertThat(hub.drain(Queues.MTSZN_FEED)).isEmpty();
        assertThat(hub.drain(PipelineTestHub.RECEIPTS)).isEmpty();
    }

    @Test
    void aStoreThatKeepsFailingSendsTheEnvelopeToTheDeadLetterQueueAfterMaxAttempts() throws Exception {
        hub.storeDown.set(true);
        String body = report(ID_DOWN_1, ASTANA);
        NotifyBuilder gaveUp = new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(hub.maxAttempts).create();
        hub.sendEnvelope(ASTANA, body);
        assertThat(gaveUp.matches(30, TimeUnit.SECONDS)).isTrue();

        List<PipelineTestHub.Received> dead = hub.drain(Queues.DLQ);
        assertThat(dead).hasSize(1);
        PipelineTestHub.Received letter = dead.get(0);
        assertThat(letter.message().getStringProperty("swFailure")).contains("StoreException").contains("Cannot store submission");
        assertThat(letter.message().getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(Queues.INTAKE);
        assertThat(letter.message().getStringProperty(EnvelopeHeaders.AGENCY)).isEqualTo(ASTANA);
        assertThat(letter.text()).isEqualTo(body);
        // Exactly max-attempts deliveries, each failing in the store; nothing answered, nothing published.
        assertThat(hub.failedStores).hasValue(hub.maxAttempts);
        assertThat(hub.messageCount(Queues.INTAKE)).isZero();
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).isZero();
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isZero();
        assertThat(count("SELECT COUNT(*) FROM submission")).isZero();
    }

    @Test
    void aDeadLetterGivenUpOnAfterTheJudgementStillCarriesTheDocumentNotItsReceipt() throws Exception {
        // The feed cannot be published (say mtszn.feed is full): the judgement is stored, every attempt fails after
        // it, and the dead letter must be what came in, for the operator to read and replay.
        AdviceWith.adviceWith(hub.context, "feed-publish", route -> route.weaveAddFirst().process(e -> {
            throw new IllegalStateException("injected: the feed refuses");
        }));
        String body = report(UUID.randomUUID().toString(), ASTANA);
        NotifyBuilder gaveUp = new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(hub.maxAttempts).create();
        hub.sendEnvelope(ASTANA, body);
        assertThat(gaveUp.matches(30, TimeUnit.SECONDS)).isTrue();

        List<PipelineTestHub.Received> dead = hub.drain(Queues.DLQ);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).message().getStringProperty("swFailure")).contains("the feed refuses");
        assertThat(dead.get(0).text()).isEqualTo(body);
        assertThat(count("SELECT COUNT(*) FROM submission")).isEqualTo(1);
    }

    @Test
    void aDeadLetterTheStoreGaveUpOnIsAcceptedOnceWhenTheOperatorRetriesItAfterTheStoreIsBack() throws Exception {
        hub.storeDown.set(true);
        String id = UUID.randomUUID().toString();
        NotifyBuilder gaveUp = new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(hub.maxAttempts).create();
        hub.sendEnvelope(ASTANA, report(id, ASTANA));
        assertThat(gaveUp.matches(30, TimeUnit.SECONDS)).isTrue();
        // The last rollback moves the envelope to the DLQ just after the route is done with it.
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> hub.messageCount(Queues.DLQ) == 1);

        // The operator console's own code, on the message the give-up branch really put there.
        hub.storeDown.set(false);
        DeadLetters deadLetters = deadLetters(hub);
        DeadLetter letter = theStoresDeadLetter(deadLetters);
        NotifyBuilder retried = pipelineDone(1);
        deadLetters.retry(letter.id(), "operator");
        assertThat(retried.matches(20, TimeUnit.SECONDS)).isTrue();

        List<PipelineTestHub.Received> receipts = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(receipts).hasSize(1);
        assertThat(JSON.readTree(receipts.get(0).text()).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(JSON.readTree(receipts.get(0).text()).get("reportId").asText()).isEqualTo(id);
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
        assertThat(count("SELECT COUNT(*) FROM submission")).isEqualTo(1);
    }

    /** The operator console's own code on the hub's DLQ. */
    static DeadLetters deadLetters(PipelineTestHub hub) {
        return new DeadLetters(new ArtemisManagement(hub.connectionFactory()),
                new OperatorActions(hub.database), java.time.Clock.systemUTC(), Queues.DLQ, Queues.INTAKE, 50, 4096);
    }

    /** The one dead letter listed: the store's failure, to be retried through hub.intake. */
    static DeadLetter theStoresDeadLetter(DeadLetters deadLetters) throws Exception {
        List<DeadLetter> letters = deadLetters.list();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).originalAddress()).isEqualTo(Queues.INTAKE);
        assertThat(letters.get(0).failure()).contains("Cannot store submission");
        return letters.get(0);
    }

    /** How a test hands a report's body to the hub. */
    interface Sender {
        void send(String body) throws Exception;
    }

    /**
     * Takes the database away and sends three new reports from Astana; the outage pauses {@code route}'s consumer, so
     * none is delivered again and again, none goes to the DLQ, and all wait on {@code waitingOn}. Returns their ids.
     */
    static List<String> threeReportsPausedByADatabaseOutage(PipelineTestHub hub, String route, String waitingOn,
            Sender sender) throws Exception {
        hub.databaseGone.set(true);
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        for (String id : ids) {
            sender.send(report(id, ASTANA));
        }
        await().atMost(20, TimeUnit.SECONDS).until(hub.outages::ongoing);
        // The test broker redelivers at once: without the pause, max-attempts deliveries would take milliseconds.
        NotifyBuilder more = new NotifyBuilder(hub.context).fromRoute(route).whenDone(hub.maxAttempts * 3).create();
        assertThat(more.matches(3, TimeUnit.SECONDS)).as("no deliveries while the store is gone").isFalse();
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
        assertThat(hub.messageCount(waitingOn)).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void aDatabaseOutagePausesThePipelineAndNothingGoesToTheDeadLetterQueue() throws Exception {
        List<String> ids = threeReportsPausedByADatabaseOutage(hub, "pipeline", Queues.INTAKE,
                body -> hub.sendEnvelope(ASTANA, body));

        NotifyBuilder drained = new NotifyBuilder(hub.context).fromRoute("pipeline").whenCompleted(ids.size()).create();
        hub.databaseGone.set(false);
        assertThat(drained.matches(30, TimeUnit.SECONDS)).isTrue();
        List<PipelineTestHub.Received> receipts = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(receipts).hasSize(ids.size());
        for (PipelineTestHub.Received receipt : receipts) {
            assertThat(JSON.readTree(receipt.text()).get("status").asText()).isEqualTo("ACCEPTED");
        }
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
        assertThat(count("SELECT COUNT(*) FROM submission")).isEqualTo(ids.size());
        assertThat(hub.outages.ongoing()).isFalse();
    }

    @Test
    void aMessageLogThatTakesNoWritesPausesThePipelineUntilItDoesAgain() throws Exception {
        // The message log's folder replaced by a file: every write under it fails as on a read-only disk (the tests
        // run as root, for whom permissions do not stop a write).
        Path folder = hub.dataDir.resolve(kz.gov.safework.store.MessageLog.FOLDER);
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.writeString(folder, "not a folder");
        String id = UUID.randomUUID().toString();
        hub.sendEnvelope(ASTANA, report(id, ASTANA));
        org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).until(hub.outages::ongoing);
        NotifyBuilder more = new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(hub.maxAttempts * 3).create();
        assertThat(more.matches(3, TimeUnit.SECONDS)).as("no deliveries while the disk takes no writes").isFalse();
        assertThat(hub.messageCount(Queues.DLQ)).isZero();

        NotifyBuilder drained = new NotifyBuilder(hub.context).fromRoute("pipeline").whenCompleted(1).create();
        Files.delete(folder);
        assertThat(drained.matches(30, TimeUnit.SECONDS)).isTrue();
        List<PipelineTestHub.Received> receipts = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(receipts).hasSize(1);
        assertThat(JSON.readTree(receipts.get(0).text()).get("reportId").asText()).isEqualTo(id);
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
    }

    private double submissionsCounted(String status) {
        var counter = hub.registry.find(HubMeters.SUBMISSIONS).tag(HubMeters.TAG_STATUS, status).counter();
        return counter == null ? 0 : counter.count();
    }

    private int count(String sql) throws Exception {
        try (Connection c = hub.database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
