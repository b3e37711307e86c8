package kz.gov.safework.connectors.jms;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import kz.gov.safework.contract.validation.ErrorCode;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.ActiveMQIOErrorException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.io.IOCriticalErrorListener;
import org.apache.activemq.artemis.core.io.SequentialFile;
import org.apache.activemq.artemis.core.persistence.impl.journal.JournalStorageManager;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPLargeMessage;
import org.apache.activemq.artemis.utils.ExecutorFactory;
import org.apache.activemq.artemis.utils.critical.CriticalAnalyzer;

/**
 * The embedded broker's journal, refusing an AMQP large message while it arrives, as soon as its body on disk
 * would pass {@code maxBytes}. Needed because Artemis (2.55) reads a complete AMQP large message whole into
 * the heap once its last frame is written ({@code AMQPLargeMessageReader.addBytes} asks the message for its
 * delivery annotations, and {@code AMQPLargeMessage.getData()} allocates a {@code byte[]} of the message's size),
 * before any broker plugin sees it: a 1 GiB AMQP message would exhaust a 256 MiB hub. Refusing the next
 * chunk makes Artemis close the sender's connection with {@code amqp:internal-error} and this message
 * (naming {@code DOCUMENT_TOO_LARGE}) and delete the partial file.
 *
 * <p>Only AMQP large messages are bounded here: CORE large messages are streamed to disk under the client's flow
 * control and never read whole by the broker, and {@link MessageSizePlugin} refuses them at the send; the hub's
 * own messages are CORE.
 */
final class AmqpLargeMessageLimit extends JournalStorageManager {
    private final long maxBytes;
    /** Ids of the AMQP large messages being received (removed when they are complete or deleted). */
    private final Set<Long> receiving = ConcurrentHashMap.newKeySet();

    AmqpLargeMessageLimit(Configuration config, CriticalAnalyzer analyzer, ExecutorFactory executorFactory,
            ScheduledExecutorService scheduledPool, ExecutorFactory ioExecutors, IOCriticalErrorListener criticalErrors,
            long maxBytes) {
        super(config, analyzer, executorFactory, scheduledPool, ioExecutors, criticalErrors);
        this.maxBytes = maxBytes;
    }

    @Override
    public LargeServerMessage onLargeMessageCreate(long id, LargeServerMessage largeMessage) throws Exception {
        LargeServerMessage created = super.onLargeMessageCreate(id, largeMessage);
        if (largeMessage instanceof AMQPLargeMessage) {
            receiving.add(id);
        }
        return created;
    }

    @Override
    public void addBytesToLargeMessage(SequentialFile file, long messageId, ActiveMQBuffer bytes) throws Exception {
        check(file, messageId, bytes.readableBytes());
        super.addBytesToLargeMessage(file, messageId, bytes);
    }

    @Override
    public void addBytesToLargeMessage(SequentialFile file, long messageId, byte[] bytes) throws Exception {
        check(file, messageId, bytes.length);
        super.addBytesToLargeMessage(file, messageId, bytes);
    }

    /**
     * A CORE large message arriving (the hub's own, sent in the pipeline's transactions) gets its file at once, and a
     * file that cannot be made fails as an IO error. Left to Artemis (2.55), the file is made with the first chunk
     * ({@code LargeBody.ensureFileExists}) and a refusal is an {@code ActiveMQInternalErrorException}, which
     * {@code ServerSessionPacketHandler} only logs (AMQ224016) for a send that wants no answer, without
     * {@code markTXFailed}: the transaction then commits its acknowledgement of the consumed message while the message
     * it sent is gone. As an {@link ActiveMQIOErrorException} the session's transaction is marked failed, the commit
     * fails and the consumed message is delivered again (after the journal's disk takes writes again).
     */
    @Override
    public LargeServerMessage createCoreLargeMessage(long id, Message message) throws Exception {
        LargeServerMessage created = super.createCoreLargeMessage(id, message);
        try {
            created.getLargeBody().ensureFileExists(true);
        } catch (ActiveMQException e) {
            throw new ActiveMQIOErrorException("large message " + id + ": " + e.getMessage(), e);
        }
        return created;
    }

    @Override
    public void largeMessageClosed(LargeServerMessage largeMessage) throws ActiveMQException {
        receiving.remove(largeMessage.toMessage().getMessageID());
        super.largeMessageClosed(largeMessage);
    }

    @Override
    public void deleteLargeMessageBody(LargeServerMessage largeMessage) throws ActiveMQException {
        receiving.remove(largeMessage.toMessage().getMessageID());
        super.deleteLargeMessageBody(largeMessage);
    }

    private void check(SequentialFile file, long messageId, int adding) throws Exception {
        // The id stays listed after a refusal: chunks Artemis has queued for the message are refused too.
        if (receiving.contains(messageId) && file.size() + adding > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    /** The refusal, also the text the AMQP sender gets with its connection's close. */
    static ActiveMQException tooLarge(long maxBytes) {
        return new ActiveMQException(ActiveMQExceptionType.GENERIC_EXCEPTION, ErrorCode.DOCUMENT_TOO_LARGE.name()
                + ": AMQP message refused while it arrived, the limit is " + maxBytes + " bytes");
    }
}
