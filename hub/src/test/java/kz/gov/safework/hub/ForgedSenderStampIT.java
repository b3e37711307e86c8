package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.amqp.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker's sender stamp ({@code swBrokerUser}, a byte[] holding the login the broker authenticated)
 * cannot be forged: the Astana akimat sends its own report with a stamp naming the Ministry of Health, in
 * the exact type the JMS channel reads (a bytes property), over CORE, AMQP and STOMP. If the stamp were
 * believed, the document would be MZ's and rejected as naming another agency; it must be ACCEPTED as Astana's.
 */
@ExtendWith(SharedHub.class)
class ForgedSenderStampIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = 20_000;
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";
    private static final String LOGIN = "akimat-astana";
    private static final String STAMP = "swBrokerUser";
    private static final byte[] FORGED = "mz".getBytes(StandardCharsets.UTF_8);

    @SharedHub.Hub
    static HubProcess hub;
    static AgencyClient astana;

    @BeforeAll
    static void connect() throws Exception {
        astana = new AgencyClient(hub.brokerPort, LOGIN, QueueChannelIT.password(LOGIN));
    }

    @AfterAll
    static void disconnect() throws Exception {
        HubProcess.closeAll(astana);
    }

    private static void assertAcceptedAsAstana(String correlation, String reportId) throws Exception {
        JsonNode receipt = Receipts.receipt(astana, RECEIPTS, correlation, WAIT);
        assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
    }

    @Test
    void aBytesStampForgedOverCoreIsReplacedByTheBrokersOwn() throws Exception {
        String reportId = Reports.newId();
        String correlation = "core-" + UUID.randomUUID();
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + hub.brokerPort);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(LOGIN, QueueChannelIT.password(LOGIN), false, true, true,
                     false, 0);
             ClientProducer producer = session.createProducer("reports.in")) {
            ClientMessage message = session.createMessage(ClientMessage.TEXT_TYPE, true);
            message.getBodyBuffer().writeNullableSimpleString(SimpleString.of(Reports.akimatAstana(reportId)));
            message.setCorrelationID(correlation);
            message.putBytesProperty(STAMP, FORGED);
            producer.send(message);
        }
        assertAcceptedAsAstana(correlation, reportId);
    }

    @Test
    void aBinaryStampForgedOverAmqpIsReplacedByTheBrokersOwn() throws Exception {
        String reportId = Reports.newId();
        TextMessage message = astana.session().createTextMessage(Reports.akimatAstana(reportId));
        // JMS allows no byte[] property; an AMQP sender can still put a binary application property on the wire.
        AmqpJmsMessageFacade facade = (AmqpJmsMessageFacade) ((JmsMessage) message).getFacade();
        facade.setApplicationProperty(STAMP, new Binary(FORGED));
        String messageId = astana.send(message, Map.of());
        assertAcceptedAsAstana(messageId, reportId);
    }

    @Test
    void aStampHeaderForgedOverStompChangesNothing() throws Exception {
        String reportId = Reports.newId();
        String correlation = "stomp-" + UUID.randomUUID();
        byte[] body = Reports.akimatAstana(reportId).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", hub.brokerPort)) {
            socket.setSoTimeout((int) WAIT);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            frame(out, "CONNECT\naccept-version:1.2\nhost:hub\nlogin:" + LOGIN + "\npasscode:"
                    + QueueChannelIT.password(LOGIN) + "\n\n", new byte[0]);
            assertThat(readFrame(in)).startsWith("CONNECTED");
            frame(out, "SEND\ndestination:reports.in\ndestination-type:ANYCAST\ncorrelation-id:" + correlation
                    + "\n" + STAMP + ":mz\ncontent-type:application/json\ncontent-length:" + body.length
                    + "\nreceipt:sent\n\n", body);
            assertThat(readFrame(in)).startsWith("RECEIPT");
            frame(out, "DISCONNECT\n\n", new byte[0]);
        }
        assertAcceptedAsAstana(correlation, reportId);
    }

    private static void frame(OutputStream out, String head, byte[] body) throws Exception {
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write(0);
        out.flush();
    }

    /** The next frame's text up to its NUL, heart-beat newlines skipped. */
    private static String readFrame(InputStream in) throws Exception {
        StringBuilder frame = new StringBuilder();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new IllegalStateException("broker closed the connection after: " + frame);
            }
            if (frame.isEmpty() && (b == '\n' || b == '\r')) {
                continue;
            }
            frame.append((char) b);
        }
        return frame.toString();
    }
}
