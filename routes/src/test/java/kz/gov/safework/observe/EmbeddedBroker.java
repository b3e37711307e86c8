package kz.gov.safework.observe;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kz.gov.safework.contract.envelope.Queues;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A real Artemis broker in the test's JVM: in-VM acceptor, no persistence, anycast queues, and a DLQ that takes a
 * message after its last failed delivery. The observe tests' one ({@link #EmbeddedBroker()}) has the hub's queues
 * and gives up after the first failed delivery (so a test makes a dead letter with one rollback).
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** One counter for every broker of the JVM, so no two tests share an in-VM server id. */
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(100);

    private final int serverId = SERVER_IDS.incrementAndGet();
    private final ActiveMQServer server;

    EmbeddedBroker() throws Exception {
        this(1, Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED, Queues.DLQ);
    }

    /** A broker with these queues; a message goes to the DLQ after {@code maxDeliveryAttempts}, redelivered at once. */
    public EmbeddedBroker(int maxDeliveryAttempts, String... queues) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory("target/artemis-" + serverId)
                .addAcceptorConfiguration("in-vm", "vm://" + serverId)
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(Queues.DLQ))
                        .setMaxDeliveryAttempts(maxDeliveryAttempts)
                        .setRedeliveryDelay(0));
        server = ActiveMQServers.newActiveMQServer(config, false);
        server.start();
        for (String queue : queues) {
            server.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
    }

    /** The in-VM server id, unique in the JVM (tests name their in-memory databases after it). */
    public int id() {
        return serverId;
    }

    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("vm://" + serverId);
    }

    /** Sends a message to the queue and fails its one delivery, so the broker moves it to DLQ. */
    void deadLetter(String queue, String body, Map<String, String> properties) throws Exception {
        try (Connection connection = connectionFactory().createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            Message message = session.createTextMessage(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            session.createProducer(session.createQueue(queue)).send(message);
            session.commit();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                if (consumer.receive(5000) == null) {
                    throw new IllegalStateException("message did not arrive on " + queue);
                }
                session.rollback();
            }
        }
    }

    /** Puts a message straight on a queue (a dead letter that never had an original address, say). */
    void send(String queue, String body, Map<String, String> properties) throws Exception {
        try (Connection connection = connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Message message = session.createTextMessage(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    void purge(String queue) throws Exception {
        server.locateQueue(queue).deleteAllReferences();
    }

    public long messageCount(String queue) {
        return server.locateQueue(queue).getMessageCount();
    }

    /** Messages ever put on the queue (consumed or not). */
    public long messagesAdded(String queue) {
        return server.locateQueue(queue).getMessagesAdded();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
