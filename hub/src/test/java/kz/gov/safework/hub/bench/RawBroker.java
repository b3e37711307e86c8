package kz.gov.safework.hub.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The benchmark's yardstick, run in its own JVM: the Artemis version the hub embeds, alone, with the same defaults
 * as the hub's broker (persistent journal, default journal type) and {@code consumers} consumers on
 * {@link #IN} that each do one transacted hop: receive, persistent send of the same message to {@link #OUT} with
 * the JMSCorrelationID a receipt would carry, commit. Prints {@link #READY} once the consumers listen.
 *
 * <p>Arguments: data dir, port, consumers.
 */
public final class RawBroker {
    public static final String IN = "reports.in";
    public static final String OUT = "receipts.raw";
    public static final String READY = "RAW-BROKER-READY";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int consumers = Integer.parseInt(args[2]);
        Configuration config = new ConfigurationImpl()
                .setName("raw-artemis")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("in-vm", "vm://0")
                .addAcceptorConfiguration("clients", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        // In-VM, as the hub's own connections to its embedded broker.
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            Connection connection = factory.createConnection();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(IN));
            MessageProducer producer = session.createProducer(session.createQueue(OUT));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            consumer.setMessageListener(message -> hop(session, producer, message));
            connection.start();
            connections.add(connection);
        }
        System.out.println(READY);
        System.out.flush();
        // Runs until the benchmark destroys the process.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                for (Connection c : connections) {
                    c.close();
                }
                broker.stop();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        Thread.currentThread().join();
    }

    /** Reads the whole body and sends it on as a new message, as the hub's first hop does with a document. */
    private static void hop(Session session, MessageProducer producer, Message message) {
        try {
            Message copy;
            if (message instanceof TextMessage text) {
                copy = session.createTextMessage(text.getText());
            } else {
                BytesMessage bytes = (BytesMessage) message;
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                BytesMessage out = session.createBytesMessage();
                out.writeBytes(body);
                copy = out;
            }
            copy.setJMSCorrelationID(message.getJMSMessageID());
            producer.send(copy);
            session.commit();
        } catch (Exception e) {
            try {
                session.rollback();
            } catch (Exception ignored) {
                // the broker redelivers
            }
        }
    }

    private RawBroker() {
    }
}
