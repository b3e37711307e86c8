package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MiB report as one queue message through the packaged hub, whose heap is capped at 256 MiB (and whose
 * {@code hub.max-document-size} is raised to 128 MiB so that 100 MiB is under it): sent to {@code reports.in} as an
 * Artemis CORE bytes message whose body is generated while it is sent ({@code JMS_AMQ_InputStream}), taken by the
 * queue channel in its transaction and streamed from the broker into the message log, answered on
 * {@code receipts.AKIMAT-ASTANA} with a receipt whose SHA-256 is that of the 100 MiB, and the hub still healthy.
 */
class LargeQueueMessageIT {
    @TempDir
    Path data;

    @Test
    void aHundredMebibyteQueueMessagePassesThroughAHubWithAQuarterGigabyteHeap() throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of("hub.max-document-size", Long.toString(LargeReport.MAX_DOCUMENT_SIZE)))
                .start()) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + hub.brokerPort);
            try (Connection connection = factory.createConnection("akimat-astana",
                    QueueChannelIT.password("akimat-astana"))) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                BytesMessage report = session.createBytesMessage();
                // Generated as Artemis reads it, never whole in the test's memory; the digest is taken on the way.
                report.setObjectProperty("JMS_AMQ_InputStream", new DigestInputStream(LargeReport.json(), sha));
                long sending = System.nanoTime();
                try (var producer = session.createProducer(session.createQueue("reports.in"))) {
                    producer.send(report);
                }
                String sha256 = HexFormat.of().formatHex(sha.digest());
                System.out.printf("LargeQueueMessageIT: sent %d bytes in %d s%n", LargeReport.SIZE,
                        Duration.ofNanos(System.nanoTime() - sending).toSeconds());

                AtomicReference<Message> answer = new AtomicReference<>();
                // The bound is generous (CI runs two system tests side by side on two cores); a hub that died or a
                // receipt that never comes fails with the hub's own log, so that a failure says where it stopped.
                try (MessageConsumer receipts = session.createConsumer(session.createQueue("receipts.AKIMAT-ASTANA"),
                        "JMSCorrelationID = '" + report.getJMSMessageID() + "'")) {
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                        assertThat(hub.alive()).as("the hub is still running").isTrue();
                        answer.set(receipts.receive(1_000));
                        return answer.get() != null;
                    });
                } catch (org.awaitility.core.ConditionTimeoutException | AssertionError noReceipt) {
                    String log = hub.log();
                    throw new AssertionError("no receipt for the 100 MiB queue message; the hub's log ends with:\n"
                            + log.substring(Math.max(0, log.length() - 20_000)), noReceipt);
                }
                System.out.printf("LargeQueueMessageIT: receipt %d s after the send began%n",
                        Duration.ofNanos(System.nanoTime() - sending).toSeconds());

                JsonNode json = new ObjectMapper().readTree(AgencyClient.text(answer.get()));
                LargeReport.refusedAndLogged(json, sha256, "jms", data);
            }
            assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
            assertThat(hub.log()).doesNotContain("OutOfMemoryError");
        }
    }
}
