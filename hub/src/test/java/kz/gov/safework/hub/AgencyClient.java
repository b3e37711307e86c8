package kz.gov.safework.hub;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * An outside system talking AMQP 1.0 to the hub's broker with Qpid JMS: a real client that shares no
 * code with Artemis. One connection per login.
 */
public final class AgencyClient implements AutoCloseable {
    private final Connection connection;
    private final Session session;

    public AgencyClient(int port, String login, String password) throws JMSException {
        this("amqp://127.0.0.1:" + port, login, password);
    }

    /**
     * A client that rides out a broker restart: Qpid JMS' failover reconnects without end and sends again what the
     * broker had not confirmed (same message id), as an agency's client retries.
     */
    public static AgencyClient reconnecting(int port, String login, String password) throws JMSException {
        return new AgencyClient("failover:(amqp://127.0.0.1:" + port + ")?failover.maxReconnectAttempts=-1"
                + "&failover.initialReconnectDelay=500&failover.maxReconnectDelay=2000", login, password);
    }

    /** A client on a Qpid JMS connection URL of its own (a failover URL naming a broker pair). */
    public static AgencyClient at(String url, String login, String password) throws JMSException {
        return new AgencyClient(url, login, password);
    }

    private AgencyClient(String url, String login, String password) throws JMSException {
        JmsConnectionFactory factory = new JmsConnectionFactory(url);
        connection = factory.createConnection(login, password);
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Sends a text message to reports.in; returns its JMSMessageID. */
    public String sendText(String body, Map<String, String> properties) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        return send(message, properties);
    }

    public String sendBytes(byte[] body, Map<String, String> properties) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        return send(message, properties);
    }

    public String send(Message message, Map<String, String> properties) throws JMSException {
        for (var p : properties.entrySet()) {
            message.setStringProperty(p.getKey(), p.getValue());
        }
        try (var producer = session.createProducer(session.createQueue("reports.in"))) {
            producer.send(message);
        }
        return message.getJMSMessageID();
    }

    /**
     * Sends every body to reports.in in one transaction, so they reach the queue together at the commit (a load
     * that is still in flight when the first receipt comes back); returns their JMSMessageIDs in order.
     */
    public List<String> sendTextsAtOnce(List<String> bodies) throws JMSException {
        try (Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = transacted.createProducer(transacted.createQueue("reports.in"))) {
            List<String> ids = new ArrayList<>();
            for (String body : bodies) {
                TextMessage message = transacted.createTextMessage(body);
                producer.send(message);
                ids.add(message.getJMSMessageID());
            }
            transacted.commit();
            return ids;
        }
    }

    public Session session() {
        return session;
    }

    /** The next message on the queue matching the selector, or null after the timeout. */
    public Message receive(String queue, String selector, long timeoutMillis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            return consumer.receive(timeoutMillis);
        }
    }

    public static String text(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        return new String(read((BytesMessage) message), StandardCharsets.UTF_8);
    }

    /** A message's body as bytes: a bytes message's as sent, a text message's in UTF-8. */
    public static byte[] bytes(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            return read(bytes);
        }
        return text(message).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(BytesMessage message) throws JMSException {
        byte[] body = new byte[(int) message.getBodyLength()];
        message.readBytes(body);
        return body;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
