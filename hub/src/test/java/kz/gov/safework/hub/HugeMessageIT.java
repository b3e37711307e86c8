package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages far over {@code hub.max-document-size} are refused by the broker at the send, before any consumer
 * (the hub's pipeline) reads them: the sender's send fails naming DOCUMENT_TOO_LARGE, the hub (at -Xmx256m,
 * see HubProcess) stays healthy, nothing reaches the feed or the DLQ, and a valid report right after is
 * accepted. The bodies are generated as they are sent (CORE: {@code JMS_AMQ_InputStream}; AMQP:
 * {@link StreamingAmqpSender}), never held in memory.
 */
@ExtendWith(SharedHub.class)
class HugeMessageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GIB = 1L << 30;

    /** Its own: the feed must hold only its reports and the dead letters none. */
    @SharedHub.Hub(own = true)
    static HubProcess hub;

    @Test
    void refusesAOneGibibyteCoreMessageAtTheSendAndStaysHealthy() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + hub.brokerPort);
        try (Connection connection = factory.createConnection("akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.setObjectProperty("JMS_AMQ_InputStream", new RepeatedByteStream(' ', GIB));
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

    /**
     * Many connections each holding a large STOMP frame in progress: past the budget for all of them together (two
     * frames of the largest size, about 42 MiB) the connection whose bytes arrive is refused; once the connections
     * are gone their bytes no longer count, so the same load is taken again.
     */
    @Test
    void refusesStompFramesInProgressPastTheBrokersBudgetAndFreesItWhenTheyGo() throws Exception {
        long fifteenMib = 15L << 20;
        String password = QueueChannelIT.password("akimat-astana");
        List<StompClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                StompClient client = new StompClient(hub.brokerPort, "akimat-astana", password);
                clients.add(client);
                try {
                    client.sendPartial("reports.in", fifteenMib);
                } catch (java.io.IOException refusedWhileWriting) {
                    // the broker closed this one while we wrote; its ERROR frame is read below
                }
            }
            // Nothing is finished yet, so once the broker has read all 45 MiB one connection must have been refused.
            java.util.Map<Integer, String> answered = new java.util.concurrent.ConcurrentHashMap<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                for (int i = 0; i < clients.size(); i++) {
                    if (!answered.containsKey(i)) {
                        String answer = clients.get(i).answer(200);
                        if (!answer.equals("none")) {
                            answered.put(i, answer);
                        }
                    }
                }
                return !answered.isEmpty();
            });
            // The others still hold their frames and complete them. Two connections whose bytes arrive on two of the
            // broker's threads at the same moment can both find the sum over the budget and both be refused (each is
            // told to send again later); never all three, and never none.
            for (int i = 0; i < clients.size(); i++) {
                if (!answered.containsKey(i)) {
                    String answer;
                    try {
                        clients.get(i).finishPartial();
                        answer = clients.get(i).answer(30_000);
                    } catch (java.io.IOException refusedMeanwhile) {
                        // refused while we wrote the rest: its ERROR frame, unless the broker's close reset the socket
                        try {
                            answer = clients.get(i).answer(1_000);
                        } catch (java.io.IOException reset) {
                            answer = "closed: " + reset.getMessage();
                        }
                    }
                    answered.put(i, answer);
                }
            }
            java.util.List<String> refusals = answered.values().stream().filter(a -> !a.equals("RECEIPT")).toList();
            assertThat(refusals).as(answered.toString()).isNotEmpty().hasSizeLessThan(clients.size())
                    .allSatisfy(a -> assertThat(a).satisfiesAnyOf(
                            r -> assertThat(r).startsWith("ERROR: ").contains("send again later"),
                            r -> assertThat(r).startsWith("closed: ")))
                    .anySatisfy(a -> assertThat(a).startsWith("ERROR: ").contains("send again later"));
        } finally {
            for (StompClient client : clients) {
                client.close();
            }
        }
        // The closed connections' bytes are released (once the broker has seen them close): two frames of 15 MiB
        // held at once fit again, and complete.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofSeconds(1)).untilAsserted(() -> {
                    try (StompClient first = new StompClient(hub.brokerPort, "akimat-astana", password);
                            StompClient second = new StompClient(hub.brokerPort, "akimat-astana", password)) {
                        first.sendPartial("reports.in", fifteenMib);
                        second.sendPartial("reports.in", fifteenMib);
                        first.finishPartial();
                        second.finishPartial();
                        assertThat(first.answer(30_000)).isEqualTo("RECEIPT");
                        assertThat(second.answer(30_000)).isEqualTo("RECEIPT");
                    }
                });
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
}
