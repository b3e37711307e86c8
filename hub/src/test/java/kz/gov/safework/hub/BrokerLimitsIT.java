package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits of the packaged hub's broker: one agency creating 1,000 reply-to queues gets the first
 * {@code hub.broker.max-queues-per-login} and refusals after that; its idle reply-to queues are deleted, which gives
 * the quota back; the hub stays healthy and another agency's report is still answered. A backlog on {@code reports.in}
 * is paged to disk beyond {@code hub.broker.address-memory-bytes} and refused ("address full") beyond
 * {@code hub.broker.address-max-size-bytes}; every report taken before that is answered once.
 */
class BrokerLimitsIT {
    private static final int MAX_QUEUES = 20;
    private static final int MEMORY_BYTES = 64 * 1024;
    private static final int PAGED_BYTES = 1024 * 1024;

    @TempDir
    Path data;

    @Test
    void aThousandReplyToQueuesAreRefusedAboveTheLimitAndIdleOnesAreDeleted() throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of("hub.broker.max-queues-per-login", "" + MAX_QUEUES,
                "hub.broker.reply-queue-idle-ms", "1000")).start();
                AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                        QueueChannelIT.password("akimat-astana"));
                AgencyClient almaty = new AgencyClient(hub.brokerPort, "akimat-almaty",
                        QueueChannelIT.password("akimat-almaty"))) {
            List<MessageConsumer> consumers = openReplyQueues(astana.session(), "first", 1000);
            assertThat(consumers).as("reply-to queues created of 1,000").hasSize(MAX_QUEUES);

            assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
            String id = Reports.newId();
            Message receipt = almaty.receive("receipts.AKIMAT-ALMATY", "JMSCorrelationID = '"
                    + almaty.sendText(Reports.json(id, "AKIMAT-ALMATY", 2023, "14", null), Map.of()) + "'", 60_000);
            assertThat(receipt).as("receipt of another agency's report").isNotNull();
            assertThat(new ObjectMapper().readTree(AgencyClient.text(receipt)).path("status").asText())
                    .isEqualTo("ACCEPTED");

            for (MessageConsumer consumer : consumers) {
                consumer.close();
            }
            // Empty and without consumers for the idle time, the queues are deleted: the quota is free again.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<MessageConsumer> again = openReplyQueues(astana.session(), "second-" + System.nanoTime(),
                        MAX_QUEUES);
                try {
                    assertThat(again).hasSize(MAX_QUEUES);
                } finally {
                    for (MessageConsumer consumer : again) {
                        consumer.close();
                    }
                }
            });
            assertThat(hub.log()).doesNotContain("OutOfMemoryError");
            assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        }
    }

    @Test
    void aBacklogIsPagedBeyondTheMemoryWindowAndRefusedBeyondTheLimitAndWhatWasTakenIsAnsweredOnce() throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of("hub.broker.address-memory-bytes", "" + MEMORY_BYTES,
                "hub.broker.address-max-size-bytes", "" + PAGED_BYTES)).start();
                AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                        QueueChannelIT.password("akimat-astana"))) {
            // The intake held by an operator, so that the backlog stays on reports.in.
            assertThat(operator(hub, "suspend", "{\"reason\": \"backlog test\"}")).isEqualTo(200);
            List<String> taken = new ArrayList<>();
            long bytes = 0;
            JMSException full = null;
            while (full == null && taken.size() < 2_000) {
                String report = Reports.akimatAstana(Reports.newId());
                try {
                    taken.add(astana.sendText(report, Map.of()));
                    bytes += report.length();
                } catch (JMSException refused) {
                    full = refused;
                }
            }
            assertThat(full).as("a refusal once the backlog passed the limit").isNotNull();
            assertThat(full.getMessage()).as("the sender is told why").contains("full");
            assertThat(bytes).as("taken: the memory window and pages beyond it").isGreaterThan(MEMORY_BYTES);
            assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);

            assertThat(operator(hub, "resume", "{}")).isEqualTo(200);
            java.util.Map<String, Integer> receipts = new java.util.HashMap<>();
            await().atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).untilAsserted(() -> {
                drainReceipts(astana, 200, receipts);
                assertThat(receipts.keySet()).as("receipts of the reports taken").containsAll(taken);
            });
            drainReceipts(astana, kz.gov.safework.testing.NothingMoreArrives.REDELIVERY_WINDOW.toMillis(), receipts);
            assertThat(receipts.values()).as("one receipt per report").allMatch(n -> n == 1);
            // Drained, the address takes reports again (its pages are cleaned up behind the consumer).
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() ->
                    astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of()) != null);
            assertThat(hub.log()).doesNotContain("OutOfMemoryError");
        }
    }

    /** Suspends or resumes the queue channel's intake as the operator; the HTTP status. */
    private static int operator(HubProcess hub, String action, String body) throws Exception {
        return ChannelSuspensionIT.post(hub, "/api/operator/channels/jms/" + action, "operator", body).statusCode();
    }

    /** Counts astana's receipts by the report message they answer until none came for {@code quietMillis}. */
    private static void drainReceipts(AgencyClient astana, long quietMillis, java.util.Map<String, Integer> counted)
            throws Exception {
        Message m;
        while ((m = astana.receive("receipts.AKIMAT-ASTANA", null, quietMillis)) != null) {
            counted.merge(m.getJMSCorrelationID(), 1, Integer::sum);
        }
    }

    /** Tries to open {@code count} reply-to queues; returns the consumers of those the broker created. */
    private static List<MessageConsumer> openReplyQueues(Session session, String prefix, int count) {
        List<MessageConsumer> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                opened.add(session.createConsumer(session.createQueue("receipts.AKIMAT-ASTANA." + prefix + "-" + i)));
            } catch (JMSException refused) {
                // above the limit: refused by the broker, the session stays usable
            }
        }
        return opened;
    }
}
