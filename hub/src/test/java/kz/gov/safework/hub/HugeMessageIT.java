package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages far over {@code hub.max-document-size} are refused by the broker at the send, before any consumer
 * (the hub's pipeline) reads them: the sender's send fails naming DOCUMENT_TOO_LARGE, the hub (at -Xmx256m,
 * see HubProcess) stays healthy, nothing reaches the feed or the DLQ, and a valid report right after is
 * accepted. The bodies are generated as they are sent (CORE: {@code JMS_AMQ_InputStream}; AMQP:
 * {@link StreamingAmqpSender}), never held in memory.
 */
class HugeMessageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GIB = 1L << 30;

    @TempDir
    static Path data;
    static HubProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = new HubProcess(data, Map.of()).start();
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void refusesAOneGibibyteCoreMessageAtTheSendAndStaysHealthy() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + hub.brokerPort);
        try (Connection connection = factory.createConnection("akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.setObjectProperty("JMS_AMQ_InputStream", new SpaceStream(GIB));
            try (var producer = session.createProducer(session.createQueue("reports.in"))) {
                assertThatThrownBy(() -> producer.send(message))
                        .isInstanceOf(JMSException.class)
                        .hasMessageContaining("DOCUMENT_TOO_LARGE");
            }
        }
        stillAcceptsAValidReportAndNothingElse();
    }

    /**
     * AMQP at 1 GiB: Artemis reads a complete AMQP large message whole into its heap, so the embedded broker
     * refuses it while it arrives ({@code AmqpLargeMessageLimit}), closing the sender's connection with an
     * error naming DOCUMENT_TOO_LARGE, long before the gibibyte is written.
     */
    @Test
    void refusesAOneGibibyteAmqpMessageWhileItArrivesAndStaysHealthy() throws Exception {
        try (StreamingAmqpSender sender = new StreamingAmqpSender(hub.brokerPort, "akimat-astana",
                QueueChannelIT.password("akimat-astana"))) {
            // A large message (over Artemis' 100 KiB AMQP large-message threshold) under the bound passes the broker.
            assertThat(sender.send("reports.in", 1L << 20, java.time.Duration.ofMinutes(1))).isEqualTo("Accepted");
        }
        try (StreamingAmqpSender sender = new StreamingAmqpSender(hub.brokerPort, "akimat-astana",
                QueueChannelIT.password("akimat-astana"))) {
            String answer = sender.send("reports.in", GIB, java.time.Duration.ofMinutes(5));
            assertThat(answer).startsWith("connection closed: amqp:internal-error").contains("DOCUMENT_TOO_LARGE");
        }
        stillAcceptsAValidReportAndNothingElse();
    }

    /**
     * STOMP at 1 GiB: Artemis holds a STOMP frame whole in memory until it is complete, so the embedded broker
     * refuses the frame once the bytes held for it pass the message limit (BoundedStompProtocolManagerFactory):
     * an ERROR frame naming DOCUMENT_TOO_LARGE, then the connection is closed.
     */
    @Test
    void refusesAOneGibibyteStompFrameWhileItArrivesAndStaysHealthy() throws Exception {
        try (StompClient stomp = new StompClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            // A frame under the bound passes the broker (its receipt frame), on the same connection.
            assertThat(stomp.sendHugeUntilRefused("reports.in", 1L << 20)).isEqualTo("RECEIPT");
            String answer = stomp.sendHugeUntilRefused("reports.in", GIB);
            assertThat(answer).startsWith("ERROR: ").contains("DOCUMENT_TOO_LARGE");
        }
        stillAcceptsAValidReportAndNothingElse();
    }

    private static void stillAcceptsAValidReportAndNothingElse() throws Exception {
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            String id = astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of());
            var m = astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + id + "'", 30_000);
            assertThat(m).isNotNull();
            var receipt = JSON.readTree(AgencyClient.text(m));
            assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
            HubInvariants.feedHoldsExactly(hub, Set.of(receipt.path("submissionId").asText()));
        }
        HubInvariants.deadLettersEmptyAndHealthy(hub);
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    }

    /** {@code length} spaces, made as they are read. */
    private static final class SpaceStream extends InputStream {
        private long left;

        SpaceStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            left -= n;
            return n;
        }
    }
}
