package kz.gov.safework.intake;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.DelegatingConnectionFactory;

/**
 * The hub's one rule for JMS: what a transacted route sends leaves in the same transaction as the
 * message it consumed. Camel's default for {@code transacted=true} is a lazily created
 * {@code JmsTransactionManager} whose session is not the consumer's: the consumed message was committed
 * first and the sends a moment later, in a second transaction, so a {@code kill -9} in between lost them
 * (issue 11: receipts of judged reports that never arrived). Without that manager the listener container
 * exposes its own session and every {@code jms:} producer on the consumer's thread uses it: consume and
 * sends commit, or roll back, together.
 */
public final class JmsTransactions {
    /**
     * Bean name of a connection factory for sends that must commit on their own, outside any consumer's
     * transaction: Spring finds the consumer's session by connection factory, so a different factory
     * object (delegating to the same pool) gets a session of its own.
     */
    public static final String OWN_SESSIONS = "jmsOwnSessions";

    /** The {@code jms} component for every route of the hub. */
    public static JmsComponent component(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        return jms;
    }

    /** The connection factory to bind as {@link #OWN_SESSIONS}. */
    public static ConnectionFactory ownSessions(ConnectionFactory connectionFactory) {
        DelegatingConnectionFactory own = new DelegatingConnectionFactory();
        own.setTargetConnectionFactory(connectionFactory);
        return own;
    }

    /** The endpoint URI sending in a session of its own (see {@link #OWN_SESSIONS}). */
    public static String inOwnSession(String jmsUri) {
        return jmsUri + (jmsUri.contains("?") ? "&" : "?") + "connectionFactory=#" + OWN_SESSIONS;
    }

    private JmsTransactions() {
    }
}
