package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reply-tos an agency's system could send to steer the hub (endpoint options, placeholders, FQQN syntax,
 * other agencies' and the hub's queues, a huge name), over AMQP and CORE: each valid report is still
 * accepted, its receipt comes on {@code receipts.<CODE>} with a REPLY_TO_IGNORED warning, and nothing but
 * the pipeline's own feed messages reaches {@code mtszn.feed}.
 */
@ExtendWith(SharedHub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileReplyToIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENCY = "AKIMAT-ASTANA";
    private static final String OWN = "receipts." + AGENCY;
    private static final long WAIT = 20_000;

    /** Its own: the feed must hold only its accepted reports, the dead letters none, and the log no feed reply. */
    @SharedHub.Hub(own = true)
    static HubProcess hub;
    static AgencyClient amqp;
    static final Set<String> accepted = new HashSet<>();

    @BeforeAll
    static void connect() throws Exception {
        amqp = new AgencyClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"));
    }

    @AfterAll
    static void disconnect() throws Exception {
        HubProcess.closeAll(amqp);
    }

    static Stream<String> hostileReplyTos() {
        return Stream.of(
                OWN + ".x:mtszn.feed",
                OWN + ":mtszn.feed",
                OWN + ".x::mtszn.feed",
                OWN + "::mtszn.feed",
                OWN + ".x%3Fdestination=mtszn.feed",
                OWN + ".{{hub.feed.uri}}",
                OWN + ".}}",
                OWN + ".%2e%2e",
                OWN + ".a/b",
                OWN + ".a.b",
                OWN + ".#",
                OWN + ".*",
                OWN + ".",
                OWN + "-EVIL",
                OWN + ".x\nmtszn.feed",
                OWN + "." + "a".repeat(65),
                OWN + "." + "a".repeat(10 * 1024),
                "receipts.MZ",
                "receipts.MZ.x",
                "mtszn.feed",
                "government.outbox",
                "hub.intake",
                "DLQ");
    }

    @ParameterizedTest(name = "AMQP reply-to {0}")
    @MethodSource("hostileReplyTos")
    @Order(1)
    void answersOnTheOwnQueueWithAWarningOverAmqp(String replyTo) throws Exception {
        Session session = amqp.session();
        Message message = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
        message.setJMSReplyTo(session.createQueue(replyTo));
        String id = amqp.send(message, Map.of());

        JsonNode receipt = receipt(amqp.receive(OWN, "JMSCorrelationID = '" + id + "'", WAIT), replyTo);
        assertThat(warnings(receipt)).containsExactly("REPLY_TO_IGNORED");
    }

    @ParameterizedTest(name = "CORE reply-to {0}")
    @MethodSource("hostileReplyTos")
    @Order(2)
    void answersOnTheOwnQueueWithAWarningOverCore(String replyTo) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + hub.brokerPort);
        try (Connection connection = factory.createConnection("akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
            message.setJMSReplyTo(session.createQueue(replyTo));
            try (var producer = session.createProducer(session.createQueue("reports.in"))) {
                producer.send(message);
            }
            String id = message.getJMSMessageID();
            try (var consumer = session.createConsumer(session.createQueue(OWN), "JMSCorrelationID = '" + id + "'")) {
                JsonNode receipt = receipt(consumer.receive(WAIT), replyTo);
                assertThat(warnings(receipt)).containsExactly("REPLY_TO_IGNORED");
            }
        }
    }

    /**
     * Artemis' clients read {@code ?...} after a destination name as destination parameters, so the name
     * the hub is given (and checks) is the part before it: the receipt goes to that queue of the agency's
     * own, and the options go nowhere.
     */
    @Test
    @Order(3)
    void endpointOptionsAfterAQuestionMarkNeverReachTheHub() throws Exception {
        Session session = amqp.session();
        Message message = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
        message.setJMSReplyTo(session.createQueue(OWN + ".x?destination=mtszn.feed"));
        String id = amqp.send(message, Map.of());

        JsonNode receipt = receipt(amqp.receive(OWN + ".x", "JMSCorrelationID = '" + id + "'", WAIT), OWN + ".x");
        assertThat(warnings(receipt)).isEmpty();
    }

    @Test
    @Order(3)
    void honoursAReplyToOfExactlyTheAllowedShapeWithoutAWarning() throws Exception {
        String replyTo = OWN + ".system_A-1";
        Session session = amqp.session();
        Message message = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
        message.setJMSReplyTo(session.createQueue(replyTo));
        String id = amqp.send(message, Map.of());

        JsonNode receipt = receipt(amqp.receive(replyTo, "JMSCorrelationID = '" + id + "'", WAIT), replyTo);
        assertThat(warnings(receipt)).isEmpty();
    }

    @Test
    @Order(4)
    void nothingButThePipelinesFeedMessagesReachedTheFeedAndTheHubIsHealthy() throws Exception {
        assertThat(accepted).hasSize(2 * (int) hostileReplyTos().count() + 2);
        HubInvariants.feedHoldsExactly(hub, accepted);
        HubInvariants.deadLettersEmptyAndHealthy(hub);
        assertThat(hub.log()).doesNotContain("\nmtszn.feed");
    }

    private static JsonNode receipt(Message m, String replyTo) throws Exception {
        assertThat(m).as("receipt on " + OWN + " for reply-to " + abbreviated(replyTo)).isNotNull();
        JsonNode receipt = JSON.readTree(AgencyClient.text(m));
        assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
        accepted.add(receipt.path("submissionId").asText());
        return receipt;
    }

    private static List<String> warnings(JsonNode receipt) {
        List<String> codes = new ArrayList<>();
        receipt.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
        return codes;
    }

    private static String abbreviated(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + ")" : s;
    }
}
