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
 * Per-agency limits of the packaged hub's broker: one agency creating 1,000 reply-to queues gets the first
 * {@code hub.broker.max-queues-per-login} and refusals after that; its idle reply-to queues are deleted, which gives
 * the quota back; the hub stays healthy and another agency's report is still answered.
 */
class BrokerLimitsIT {
    private static final int MAX_QUEUES = 20;

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
