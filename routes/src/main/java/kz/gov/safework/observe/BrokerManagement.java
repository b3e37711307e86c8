package kz.gov.safework.observe;

import java.util.List;

/**
 * What operators need from the broker: queue depths, and a queue's messages with the actions on them.
 * Message ids are the broker's own (Artemis' internal long id), stable while the message stays put.
 */
public interface BrokerManagement {

    /** Messages waiting and consumers connected; throws {@link BrokerManagementException} when unknown. */
    QueueStats queueStats(String queue);

    /**
     * The first {@code limit} messages of the queue, left where they are, each with at most
     * {@code maxBodyBytes} of its body (its full size is reported apart).
     */
    List<BrowsedMessage> browse(String queue, int limit, int maxBodyBytes);

    /** Moves a dead letter back to the address it died on; false when no such message. */
    boolean retryMessage(String queue, long messageId);

    /** Moves every message that knows its original address back to it; returns how many. */
    int retryMessages(String queue);

    /** Moves a message to another queue; false when no such message. */
    boolean moveMessage(String queue, long messageId, String targetQueue);

    /** Moves every message matching the (Artemis) filter to another queue; returns how many. */
    int moveMessages(String queue, String filter, String targetQueue);

    /** Deletes a message; false when no such message. */
    boolean removeMessage(String queue, long messageId);
}
