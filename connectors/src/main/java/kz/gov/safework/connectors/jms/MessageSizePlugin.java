package kz.gov.safework.connectors.jms;

import kz.gov.safework.contract.validation.ErrorCode;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Refuses, at the broker, any message from an outside sender larger than {@code maxBytes}: the send
 * fails with {@code DOCUMENT_TOO_LARGE} in the error, and the message reaches no queue, so no consumer
 * (the hub's own JMS client would materialise a text message on receipt) ever loads it. Artemis has no
 * per-message size limit of its own; a CORE large message has been streamed to the broker's
 * large-message directory by then, never into memory, and is deleted with the refused send. AMQP large
 * messages are refused earlier, while they arrive ({@link AmqpLargeMessageLimit}): Artemis would read a
 * complete one whole into the heap before this plugin sees it.
 */
public final class MessageSizePlugin implements ActiveMQServerPlugin {
    /** broker.xml properties of a standalone broker's plugin: the hub's own login and the limit in bytes. */
    static final String HUB_USER_PROPERTY = SenderStampPlugin.HUB_USER_PROPERTY;
    static final String MAX_BYTES_PROPERTY = "max-message-bytes";

    private volatile String hubUser;
    private volatile long maxBytes;

    MessageSizePlugin(String hubUser, long maxBytes) {
        this.hubUser = hubUser;
        this.maxBytes = maxBytes;
    }

    /** For a standalone broker (config/broker/broker.xml): login and limit come from {@link #init}. */
    public MessageSizePlugin() {
        this(null, 0);
    }

    @Override
    public void init(java.util.Map<String, String> properties) {
        hubUser = SenderStampPlugin.requireProperty(properties, HUB_USER_PROPERTY);
        maxBytes = Long.parseLong(SenderStampPlugin.requireProperty(properties, MAX_BYTES_PROPERTY));
    }

    /** The login whose messages are not bounded. */
    String hubUser() {
        return hubUser;
    }

    /** The largest message an outside sender may send, in bytes. */
    long maxBytes() {
        return maxBytes;
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) throws ActiveMQException {
        String user = session.getValidatedUser() != null ? session.getValidatedUser() : session.getUsername();
        if (hubUser.equals(user)) {
            return;
        }
        long size = sizeOf(message);
        if (size > maxBytes) {
            throw new ActiveMQException(ActiveMQExceptionType.GENERIC_EXCEPTION, ErrorCode.DOCUMENT_TOO_LARGE.name()
                    + ": message of " + size + " bytes refused, the limit is " + maxBytes + " bytes");
        }
    }

    static long sizeOf(Message message) throws ActiveMQException {
        if (message instanceof LargeServerMessage large) {
            return Math.max(message.getWholeMessageSize(), large.getLargeBody().getBodySize());
        }
        return message.getWholeMessageSize();
    }
}
