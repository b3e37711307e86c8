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
import kz.gov.safework.observe.ArtemisManagement;
import kz.gov.safework.observe.DeadLetter;
import kz.gov.safework.observe.DeadLetters;
import kz.gov.safework.observe.OperatorActions;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue channel feeding the pipeline as the hub wires it ({@link PipelineTestHub#withQueueChannel()}): a report on
 * reports.in is judged in the JMS transaction that consumes it, with no envelope on hub.intake; its consumption, feed
 * message and receipt commit together or not at all; the hub gives up on it with its reason as on an envelope from
 * hub.intake; and a store outage pauses the queue's consumer as it pauses the pipeline's.
 */
class PipelineQueueChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASTANA = "AKIMAT-ASTANA";
    private static final String RECEIPTS = PipelineTestHub.RECEIPTS;

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
        assertThat(receipt.message().getStringProperty(EnvelopeHeaders.CORRELATION)).isEqualTo(messageId);
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
        assertThat(hub.messageCount(Queues.REPORTS_IN)).isZero();
        assertThat(hub.messagesAdded(Queues.INTAKE)).as("envelopes ever put on hub.intake").isZero();
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
    }

    @Test
    void aFailureAfterTheFeedSendRollsBackTheReportAndNothingReachesTheFeed() throws Exception {
        // Each delivery notes what the feed holds when it starts; the first fails just after its feed send.
        List<Long> feedAtStart = new CopyOnWriteArrayList<>();
        AtomicBoolean failNext = new AtomicBoolean(true);
        AdviceWith.adviceWith(hub.context, "judge",
                route -> route.weaveAddFirst().process(e -> feedAtStart.add(hub.messageCount(Queues.MTSZN_FEED))));
        AdviceWith.adviceWith(hub.context, "feed-publish", route -> route.weaveAddLast().process(e -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("injected after the feed send");
            }
        }));
        NotifyBuilder failedThenDone = new NotifyBuilder(hub.context).fromRoute("jms-intake").whenFailed(1)
                .and().fromRoute("jms-intake").whenCompleted(1).create();

        hub.sendReport(report(UUID.randomUUID().toString(), ASTANA));

        assertThat(failedThenDone.matches(30, TimeUnit.SECONDS)).isTrue();
        // The report came again (its consumption was rolled back), and the feed send of the failed delivery was rolled
        // back with it: the redelivery found the feed empty. Sent in a session of its own, it would have been there.
        assertThat(feedAtStart).containsExactly(0L, 0L);
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
        assertThat(hub.failedStores).hasValue(hub.maxAttempts);
        assertThat(hub.messageCount(Queues.REPORTS_IN)).isZero();
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isZero();
        assertThat(hub.messageCount(RECEIPTS)).isZero();
        hub.storeDown.set(false);
        DeadLetters deadLetters = new DeadLetters(new ArtemisManagement(hub.connectionFactory()),
                new OperatorActions(hub.database), java.time.Clock.systemUTC(), Queues.DLQ, Queues.INTAKE, 50, 4096);
        List<DeadLetter> letters = deadLetters.list();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).originalAddress()).isEqualTo(Queues.INTAKE);
        assertThat(letters.get(0).failure()).contains("Cannot store submission");

        NotifyBuilder replayed = new NotifyBuilder(hub.context).fromRoute("pipeline").whenCompleted(1).create();
        deadLetters.retry(letters.get(0).id(), "operator");
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
        hub.databaseGone.set(true);
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        for (String id : ids) {
            hub.sendReport(report(id, ASTANA));
        }
        await().atMost(20, TimeUnit.SECONDS).until(hub.outages::ongoing);
        // The test broker redelivers at once: without the pause, max-attempts deliveries would take milliseconds.
        NotifyBuilder more = new NotifyBuilder(hub.context).fromRoute("jms-intake").whenDone(hub.maxAttempts * 3)
                .create();
        assertThat(more.matches(3, TimeUnit.SECONDS)).as("no deliveries while the store is gone").isFalse();
        assertThat(hub.messageCount(Queues.DLQ)).isZero();
        assertThat(hub.messageCount(Queues.REPORTS_IN)).isEqualTo(ids.size());

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
