package kz.gov.safework.observe;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

/**
 * Artemis management over JMS management messages (request to {@code activemq.management}, answer on a
 * temporary queue). The same code serves the embedded broker and an external one: it needs only the
 * hub's connection factory and a user with {@code manage} on {@code activemq.management}, {@code browse}
 * on the DLQ, and the rights to a temporary queue (see SecuredBrokerManagementTest for the least set).
 * Bodies are read with a JMS browser: {@code QueueControl.browse} is not reachable by management messages.
 */
public final class ArtemisManagement implements BrokerManagement {
    /** Artemis' default management address ({@code management-address} in broker.xml). */
    public static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ConnectionFactory connectionFactory;
    private final String managementAddress;
    private final Duration timeout;

    public ArtemisManagement(ConnectionFactory connectionFactory, String managementAddress, Duration timeout) {
        this.connectionFactory = connectionFactory;
        this.managementAddress = managementAddress;
        this.timeout = timeout;
    }

    public ArtemisManagement(ConnectionFactory connectionFactory) {
        this(connectionFactory, MANAGEMENT_ADDRESS, Duration.ofSeconds(5));
    }

    @Override
    public QueueStats queueStats(String queue) {
        Object[] answer = request(queue, message -> JMSManagementHelper.putOperationInvocation(
                message, resource(queue), "getMessageCount"));
        long messages = ((Number) answer[0]).longValue();
        Object[] consumers = request(queue, message -> JMSManagementHelper.putOperationInvocation(
                message, resource(queue), "getConsumerCount"));
        // Age of the first message the queue would deliver (by its JMS timestamp); null when nothing waits.
        Object[] oldest = request(queue, message -> JMSManagementHelper.putOperationInvocation(
                message, resource(queue), "getFirstMessageAge"));
        return new QueueStats(queue, messages, ((Number) consumers[0]).intValue(),
                oldest[0] instanceof Number age ? Duration.ofMillis(Math.max(0, age.longValue())) : null);
    }

    @Override
    public List<BrowsedMessage> browse(String queue, int limit, int maxBodyBytes) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            connection.start();
            List<BrowsedMessage> messages = new ArrayList<>();
            Enumeration<?> enumeration = browser.getEnumeration();
            while (enumeration.hasMoreElements() && messages.size() < limit) {
                messages.add(toBrowsed((Message) enumeration.nextElement(), maxBodyBytes));
            }
            return messages;
        } catch (JMSException e) {
            throw new BrokerManagementException("cannot browse " + queue + ": " + e.getMessage(), e);
        }
    }

    private static BrowsedMessage toBrowsed(Message message, int maxBodyBytes) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            Object value = message.getObjectProperty((String) name);
            if (value != null) {
                properties.put((String) name, value instanceof byte[] ? "(bytes)" : value);
            }
        }
        long id = message instanceof ActiveMQMessage artemis ? artemis.getCoreMessage().getMessageID() : -1;
        int deliveryCount = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 0;
        return new BrowsedMessage(id, message.getJMSMessageID(),
                message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp()) : null,
                deliveryCount, properties, size(message), head(message, maxBodyBytes));
    }

    private static long size(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText() == null ? 0 : text.getText().getBytes(StandardCharsets.UTF_8).length;
        }
        return message instanceof BytesMessage bytes ? bytes.getBodyLength() : 0;
    }

    private static byte[] head(Message message, int maxBodyBytes) throws JMSException {
        if (maxBodyBytes <= 0) {
            return new byte[0];
        }
        if (message instanceof TextMessage text) {
            byte[] all = text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
            return Arrays.copyOf(all, Math.min(all.length, maxBodyBytes));
        }
        if (message instanceof BytesMessage bytes) {
            byte[] head = new byte[(int) Math.min(bytes.getBodyLength(), maxBodyBytes)];
            bytes.readBytes(head);
            return head;
        }
        // Never deserialize an ObjectMessage or decode other types here: operators see properties only.
        return new byte[0];
    }

    @Override
    public boolean retryMessage(String queue, long messageId) {
        return (Boolean) invoke(queue, "retryMessage", messageId);
    }

    @Override
    public boolean moveMessage(String queue, long messageId, String targetQueue) {
        return (Boolean) invoke(queue, "moveMessage", messageId, targetQueue);
    }

    @Override
    public int moveMessages(String queue, String filter, String targetQueue) {
        return ((Number) invoke(queue, "moveMessages", filter, targetQueue)).intValue();
    }

    @Override
    public int retryMessages(String queue) {
        return ((Number) invoke(queue, "retryMessages")).intValue();
    }

    @Override
    public boolean removeMessage(String queue, long messageId) {
        return (Boolean) invoke(queue, "removeMessage", messageId);
    }

    private Object invoke(String queue, String operation, Object... params) {
        return request(queue, message -> JMSManagementHelper.putOperationInvocation(
                message, resource(queue), operation, params))[0];
    }

    private static String resource(String queue) {
        return ResourceNames.QUEUE + queue;
    }

    private interface RequestWriter {
        void write(Message message) throws JMSException;
    }

    private Object[] request(String queue, RequestWriter writer) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            // The reply queue lives as long as the connection: closing it (the pool's logical connection) deletes it.
            // Deleting it here as well made the pool log, at INFO, that it could not delete it, ten times per poll.
            TemporaryQueue replyTo = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue(managementAddress));
                 MessageConsumer consumer = session.createConsumer(replyTo)) {
                Message request = session.createMessage();
                writer.write(request);
                request.setJMSReplyTo(replyTo);
                producer.send(request);
                Message reply = consumer.receive(timeout.toMillis());
                if (reply == null) {
                    throw new BrokerManagementException("no management answer for " + queue + " within " + timeout);
                }
                if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new BrokerManagementException(queue + ": " + JMSManagementHelper.getResult(reply));
                }
                Object[] results = JMSManagementHelper.getResults(reply);
                return results == null || results.length == 0 ? new Object[] {null} : results;
            }
        } catch (BrokerManagementException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerManagementException("management request for " + queue + " failed: " + e.getMessage(), e);
        }
    }
}
