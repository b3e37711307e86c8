package kz.gov.safework.connectors.jms;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message with the user the broker authenticated for its session, overwriting whatever the
 * sender put there. Needed because populate-validated-user is lost when an AMQP message is converted
 * for a core consumer; this property survives every protocol, so the channel's identity is the
 * document's identity for CORE, AMQP and STOMP alike.
 */
final class SenderStampPlugin implements ActiveMQServerMessagePlugin {
    /** Property name read by the JMS channel adapter. */
    static final String SENDER = "swBrokerUser";

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) throws ActiveMQException {
        String user = session.getValidatedUser() != null ? session.getValidatedUser() : session.getUsername();
        if (user == null) {
            message.removeProperty(SENDER);
        } else {
            message.putStringProperty(SENDER, user);
        }
    }
}
