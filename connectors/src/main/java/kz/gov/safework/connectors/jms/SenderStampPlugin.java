package kz.gov.safework.connectors.jms;

import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message with the user the broker authenticated for its session, removing whatever the
 * sender put under that name. Needed because populate-validated-user is lost when an AMQP message is
 * converted for a core consumer. The stamp is an "extra" property: Artemis keeps those outside the AMQP
 * encoding (so it survives large AMQP messages too) and hands them to core consumers, so the channel's
 * identity is the document's identity for CORE, AMQP and STOMP alike. It also stamps the broker's node id,
 * which a new journal changes: with the broker's message id (which a new journal starts again) it names a
 * message that carries no id of its sender's (STOMP) once and for all.
 */
public final class SenderStampPlugin implements ActiveMQServerPlugin {
    /** broker.xml property of a standalone broker's plugin: the hub's own login. */
    static final String HUB_USER_PROPERTY = "hub-user";

    private volatile String hubUser;
    private volatile ActiveMQServer server;

    /** @param hubUser the hub's own login: its messages (feed, receipts) carry no stamp */
    SenderStampPlugin(String hubUser) {
        this.hubUser = hubUser;
    }

    /** For a standalone broker (config/broker/broker.xml): the hub's login comes from {@link #init}. */
    public SenderStampPlugin() {
        this(null);
    }

    @Override
    public void init(java.util.Map<String, String> properties) {
        hubUser = requireProperty(properties, HUB_USER_PROPERTY);
    }

    /** The login whose messages go unstamped. */
    String hubUser() {
        return hubUser;
    }

    static String requireProperty(java.util.Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("broker plugin property " + key + " is not set in broker.xml");
        }
        return value.trim();
    }

    /** Property name read by the JMS channel adapter (a byte[] holding the UTF-8 login). */
    static final String SENDER = "swBrokerUser";
    private static final SimpleString SENDER_KEY = SimpleString.of(SENDER);
    /** Property name read by the JMS channel adapter (a byte[] holding the broker's node id). */
    static final String NODE = "swBrokerNode";
    private static final SimpleString NODE_KEY = SimpleString.of(NODE);

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
    }

    /** Where a dead letter came from: the broker's to set when it moves a message, never a sender's. */
    static final java.util.List<SimpleString> ORIGIN_KEYS = java.util.List.of(Message.HDR_ORIGINAL_ADDRESS,
            Message.HDR_ORIGINAL_QUEUE, Message.HDR_ORIG_ROUTING_TYPE, Message.HDR_ORIG_MESSAGE_ID);

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) throws ActiveMQException {
        message.removeProperty(SENDER_KEY);
        message.removeProperty(NODE_KEY);
        String user = session.getValidatedUser() != null ? session.getValidatedUser() : session.getUsername();
        if (user != null && !user.equals(hubUser)) {
            message.putExtraBytesProperty(SENDER_KEY, user.getBytes(StandardCharsets.UTF_8));
            ActiveMQServer broker = server;
            if (broker != null && broker.getNodeID() != null) {
                message.putExtraBytesProperty(NODE_KEY, broker.getNodeID().toString().getBytes(StandardCharsets.UTF_8));
            }
            // An operator's DLQ retry sends a message back to its original address: only the broker may say
            // what that is, never the sender (else a dead-lettered report could be "retried" into mtszn.feed).
            for (SimpleString origin : ORIGIN_KEYS) {
                message.removeProperty(origin);
                message.removeAnnotation(origin);
            }
        }
    }

    /** The stamped login of a received message, or null. */
    static String sender(jakarta.jms.Message jms) throws jakarta.jms.JMSException {
        return stamp(jms, SENDER);
    }

    /** The stamped node id of the broker that took the message, or null (an external broker has no stamp). */
    static String node(jakarta.jms.Message jms) throws jakarta.jms.JMSException {
        return stamp(jms, NODE);
    }

    private static String stamp(jakarta.jms.Message jms, String name) throws jakarta.jms.JMSException {
        Object value = jms.getObjectProperty(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return null;
    }
}
