package org.apache.activemq.artemis.core.protocol.stomp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.BaseInterceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.spi.core.protocol.ProtocolManager;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.utils.uri.BeanSupport;

/**
 * Artemis' STOMP protocol with a bound on one frame: Artemis (2.55) keeps a frame's bytes in one growing array until
 * the frame is complete and has no setting to limit it (the {@code stompMaxFramePayloadLength} acceptor parameter
 * applies to STOMP over web sockets only), so one huge frame would exhaust the heap. Here, once the bytes held for
 * a frame not yet complete pass {@code maxFrameBytes}, the sender gets an ERROR frame whose {@code message} names
 * {@code DOCUMENT_TOO_LARGE} and the connection is closed; and once the frames in progress on all connections
 * together hold more than a budget, a connection whose bytes arrive then is refused the same way ("send again
 * later").
 *
 * <p>In Artemis' package because {@link StompProtocolManager}'s constructor is package-private; registered on the
 * embedded broker with {@code ActiveMQServer.addProtocolManagerFactory}, which takes the place of the STOMP
 * factory Artemis finds on the class path.
 */
public final class BoundedStompProtocolManagerFactory extends StompProtocolManagerFactory {
    private final long maxFrameBytes;
    private final long budgetBytes;
    /** Bytes held for frames in progress on every STOMP connection of the broker (all acceptors). */
    private final AtomicLong held = new AtomicLong();

    /**
     * @param maxFrameBytes the most one frame in progress may hold
     * @param budgetBytes the most all frames in progress together may hold: a connection whose bytes arrive while
     *     the sum is over it is refused, so many connections each holding a large partial frame cannot exhaust the
     *     heap either
     */
    public BoundedStompProtocolManagerFactory(long maxFrameBytes, long budgetBytes) {
        this.maxFrameBytes = maxFrameBytes;
        this.budgetBytes = budgetBytes;
    }

    @Override
    public ProtocolManager createProtocolManager(ActiveMQServer server, Map<String, Object> parameters,
            List<BaseInterceptor> incomingInterceptors, List<BaseInterceptor> outgoingInterceptors) throws Exception {
        BeanSupport.stripPasswords(parameters);
        return BeanSupport.setData(new Bounded(this, server, filterInterceptors(incomingInterceptors),
                filterInterceptors(outgoingInterceptors)), parameters);
    }

    /** Bytes held now for frames in progress, all connections together. */
    public long held() {
        return held.get();
    }

    /** The refusal of one frame over the limit (the ERROR frame's {@code message} header). */
    public static String refusal(long maxFrameBytes) {
        return "DOCUMENT_TOO_LARGE: STOMP frame refused while it arrived, the limit is " + maxFrameBytes + " bytes";
    }

    /** The refusal when frames in progress on all connections together hold more than the budget. */
    public static String busy(long budgetBytes) {
        return "STOMP frames in progress on the broker hold more than " + budgetBytes + " bytes; send again later";
    }

    private final class Bounded extends StompProtocolManager {
        /** What each connection's frame in progress holds, as last counted into {@link #held}. */
        private final Map<StompConnection, Long> heldBy = new ConcurrentHashMap<>();

        Bounded(StompProtocolManagerFactory factory, ActiveMQServer server, List<StompFrameInterceptor> incoming,
                List<StompFrameInterceptor> outgoing) {
            super(factory, server, incoming, outgoing);
        }

        @Override
        public void handleBuffer(RemotingConnection connection, ActiveMQBuffer buffer) {
            super.handleBuffer(connection, buffer);
            // Every complete frame has been taken out; what the decoder still holds belongs to one frame.
            StompConnection stomp = (StompConnection) connection;
            VersionedStompFrameHandler handler = stomp.getFrameHandler();
            StompDecoder decoder = handler.getDecoder();
            long now = decoder.data;
            Long before = heldBy.put(stomp, now);
            if (before == null) {
                stomp.addCloseListener(() -> release(stomp));
            }
            long total = held.addAndGet(now - (before == null ? 0 : before));
            String refused = now > maxFrameBytes ? refusal(maxFrameBytes)
                    : now > 0 && total > budgetBytes ? busy(budgetBytes) : null;
            if (refused != null) {
                release(stomp);
                decoder.data = 0;
                decoder.workingBuffer = new byte[1024];
                decoder.init();
                handler.onError(new ActiveMQStompException(refused).setHandler(handler));
            }
        }

        private void release(StompConnection stomp) {
            Long was = heldBy.remove(stomp);
            if (was != null) {
                held.addAndGet(-was);
            }
        }
    }
}
