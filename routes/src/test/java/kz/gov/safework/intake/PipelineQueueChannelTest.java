package kz.gov.safework.intake;

import static kz.gov.safework.intake.PipelineRoutesTest.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.observe.DeadLetter;
import kz.gov.safework.observe.DeadLetters;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue channel feeding the pipeline as the hub wires it ({@link PipelineTestHub#withQueueChannel()}): a report on
 * reports.in is judged in the JMS transaction that consumes it, with no envelope on hub.intake and its receipt sent to
 * the agency's queue without hub.receipts.jms; its consumption, feed message and receipt commit together or not at all;
 * a repeated answer goes out once; the hub gives up on it with its reason as on an envelope from
 * hub.intake; and a store outage pauses the queue's consumer as it pauses the pipeline's.
 */
class PipelineQueueChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASTANA = "AKIMAT-ASTANA";
    private static final String RECEIPTS = PipelineTestHub.AGENCY_RECEIPTS;

    private PipelineTestHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = PipelineTestHub.withQueueChannel();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private NotifyBuilder intakeCompleted(int exchanges) {
        return new NotifyBuilder(hub.context).fromRoute("jms-intake").whenCompleted(exchanges).create();
    }

    @Test
    void aQueueReportIsJudgedInTheTransactionThatConsumesItWithoutAnEnvelopeOnHubIntake() throws Exception {
        String id = UUID.randomUUID().toString();
        NotifyBuilder done = intakeCompleted(1);
        String messageId = hub.sendReport(report(id, ASTANA));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();

        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(RECEIPTS) == 1);
        PipelineTestHub.Received receipt = hub.drain(RECEIPTS).get(0);
        assertThat(JSON.readTree(receipt.text()).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(JSON.readTree(receipt.text()).get("reportId").asText()).isEqualTo(id);
        assertThat(receipt.message().getJMSCorrelationID()).isEqualTo(messageId);
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(hub.messageCount(Queues.REPORTS_IN)).isZero();
        assertThat(hub.messagesAdded(Queues.INTAKE)).as("envelopes ever put on hub.intake").isZero();
        assertThat(hub.messagesAdded(PipelineTestHub.RECEIPTS)).as("receipts ever put on hub.receipts.jms").isZero();
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
    }

    @Test
    void aRepeatedAnswerIsSentOnceInASessionOfItsOwnWithoutADeadLetter() throws Exception {
        // The same queue envelope twice (a replayed dead letter of a report judged meanwhile): the second answer
        // repeats the first, which the agency's queue has already; inside the transaction it would roll it back.
        String transportId = "T-" + UUID.randomUUID();
        String body = report(UUID.randomUUID().toString(), ASTANA);
        NotifyBuilder twice = new NotifyBuilder(hub.context).fromRoute("pipeline").whenCompleted(2).create();
        hub.sendEnvelope(ASTANA, transportId, body);
        hub.sendEnvelope(ASTANA, transportId, body);
        assertThat(twice.matches(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(Queues.INTAKE) == 0);

        assertThat(hub.drain(RECEIPTS)).hasSize(1);
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
    }

    @Test
    void anOperatorsResendDeliversOneMoreReceiptPerRequestId() throws Exception {
        NotifyBuilder done = intakeCompleted(1);
        hub.sendReport(report(UUID.randomUUID().toString(), ASTANA));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(RECEIPTS) == 1);
        String submissionId = JSON.readTree(hub.drain(RECEIPTS).get(0).text()).path("submissionId").asText();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        for (String key : List.of("key-1", "key-1", "key-2")) {
            assertThat(SubmissionTrailApiTest.post(http, hub, submissionId, "/resend-receipt", "operator", key)
                    .statusCode()).isEqualTo(200);
        }

        // The send is done when the answer comes: the broker holds the message or has dropped it.
        List<PipelineTestHub.Received> resent = hub.drain(RECEIPTS);
        assertThat(resent).hasSize(2);
        assertThat(resent).extracting(r -> JSON.readTree(r.text()).path("submissionId").asText())
                .containsOnly(submissionId);
        assertThat(hub.messagesAdded(PipelineTestHub.RECEIPTS)).isZero();
    }

    @Test
    void aFailureAfterTheAnswersAreSentRollsBackTheReportAndNothingReachesTheFeedOrTheAgency() throws Exception {
        // Each delivery notes what the feed and the agency's queue hold when it starts; the first fails just after it
        // sent its feed message and its receipt.
        List<String> atStart = new CopyOnWriteArrayList<>();
        AtomicBoolean failNext = new AtomicBoolean(true);
        AdviceWith.adviceWith(hub.context, "judge", route -> route.weaveAddFirst().process(e -> atStart.add(
                "feed=" + hub.messageCount(Queues.MTSZN_FEED) + " receipts=" + hub.messageCount(RECEIPTS))));
        AdviceWith.adviceWith(hub.context, "receipt-return", route -> route.weaveAddLast().process(e -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("injected after the receipt send");
            }
        }));
        NotifyBuilder failedThenDone = new NotifyBuilder(hub.context).fromRoute("jms-intake").whenFailed(1)
                .and().fromRoute("jms-intake").whenCompleted(1).create();

        hub.sendReport(report(UUID.randomUUID().toString(), ASTANA));

        assertThat(failedThenDone.matches(30, TimeUnit.SECONDS)).isTrue();
        // The report came again (its consumption was rolled back), and the sends of the failed delivery were rolled
        // back with it: the redelivery found the feed and the agency's queue empty. Sent in a transaction of their own,
        // they would have been there.
        assertThat(atStart).containsExactly("feed=0 receipts=0", "feed=0 receipts=0");
        // The redelivery's answers repeat what the store has; they go out once.
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(RECEIPTS) == 1);
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isEqualTo(1);
        assertThat(hub.messageCount(Queues.REPORTS_IN)).isZero();
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
    }

    @Test
    void theHubGivesUpOnAQueueReportWithItsReasonAndAnOperatorReplaysItThroughHubIntake() throws Exception {
        hub.storeDown.set(true);
        String id = UUID.randomUUID().toString();
        String body = report(id, ASTANA);
        NotifyBuilder gaveUp = intakeCompleted(1);
        hub.sendReport(body);
        assertThat(gaveUp.matches(30, TimeUnit.SECONDS)).isTrue();

        // Given up by the pipeline at hub.pipeline.max-attempts, before the broker's own limit: with the reason, and
        // the report's envelope addressed to hub.intake for a replay.
        // The dead letter commits with the report's consumption, just after the route is done with it.
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(Queues.DLQ) == 1);
        assertThat(hub.failedStores).hasValue(hub.maxAttempts);
        assertThat(hub.messageCount(Queues.REPORTS_IN)).isZero();
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isZero();
        assertThat(hub.messageCount(RECEIPTS)).isZero();
        hub.storeDown.set(false);
        DeadLetters deadLetters = PipelineRoutesTest.deadLetters(hub);
        DeadLetter letter = PipelineRoutesTest.theStoresDeadLetter(deadLetters);

        NotifyBuilder replayed = new NotifyBuilder(hub.context).fromRoute("pipeline").whenCompleted(1).create();
        deadLetters.retry(letter.id(), "operator");
        assertThat(replayed.matches(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(RECEIPTS) == 1);
        PipelineTestHub.Received receipt = hub.drain(RECEIPTS).get(0);
        assertThat(JSON.readTree(receipt.text()).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(JSON.readTree(receipt.text()).get("reportId").asText()).isEqualTo(id);
        assertThat(receipt.message().getStringProperty(EnvelopeHeaders.AGENCY)).isEqualTo(ASTANA);
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
    }

    @Test
    void aStoreOutagePausesTheQueueChannelAndNothingGoesToTheDeadLetterQueue() throws Exception {
        List<String> ids = PipelineRoutesTest.threeReportsPausedByADatabaseOutage(hub, "jms-intake", Queues.REPORTS_IN,
                hub::sendReport);

        NotifyBuilder drained = intakeCompleted(ids.size());
        hub.databaseGone.set(false);
        assertThat(drained.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> hub.messageCount(RECEIPTS) == ids.size());
        for (PipelineTestHub.Received receipt : hub.drain(RECEIPTS)) {
            assertThat(JSON.readTree(receipt.text()).get("status").asText()).isEqualTo("ACCEPTED");
        }
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
        assertThat(hub.messagesAdded(Queues.INTAKE)).isZero();
    }
}
