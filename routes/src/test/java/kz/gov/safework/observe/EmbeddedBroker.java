package kz.gov.safework.observe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
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
 * A real Artemis broker in the test's JVM: in-VM acceptor, no persistence, the hub's queues, and a DLQ
 * that takes a message after its first failed delivery (so a test makes a dead letter with one rollback).
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(100);

    private final int serverId = SERVER_IDS.incrementAndGet();
    private final ActiveMQServer server;

    EmbeddedBroker() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory("target/artemis-" + serverId)
                .addAcceptorConfiguration("in-vm", "vm://" + serverId)
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(Queues.DLQ))
                        .setMaxDeliveryAttempts(1));
        server = ActiveMQServers.newActiveMQServer(config, false);
        server.start();
        for (String queue : new String[] {Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED, Queues.DLQ}) {
            server.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
    }

    ConnectionFactory connectionFactory() {
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

    long messageCount(String queue) throws Exception {
        return server.locateQueue(queue).getMessageCount();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
