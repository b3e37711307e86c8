package org.apache.activemq.artemis.core.protocol.stomp;

import java.util.List;
import java.util.Map;
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
 * {@code DOCUMENT_TOO_LARGE} and the connection is closed.
 *
 * <p>In Artemis' package because {@link StompProtocolManager}'s constructor is package-private; registered on the
 * embedded broker with {@code ActiveMQServer.addProtocolManagerFactory}, which takes the place of the STOMP
 * factory Artemis finds on the class path.
 */
public final class BoundedStompProtocolManagerFactory extends StompProtocolManagerFactory {
    private final long maxFrameBytes;

    public BoundedStompProtocolManagerFactory(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public ProtocolManager createProtocolManager(ActiveMQServer server, Map<String, Object> parameters,
            List<BaseInterceptor> incomingInterceptors, List<BaseInterceptor> outgoingInterceptors) throws Exception {
        BeanSupport.stripPasswords(parameters);
        return BeanSupport.setData(new Bounded(this, server, filterInterceptors(incomingInterceptors),
                filterInterceptors(outgoingInterceptors), maxFrameBytes), parameters);
    }

    /** The refusal's text (the ERROR frame's {@code message} header). */
    public static String refusal(long maxFrameBytes) {
        return "DOCUMENT_TOO_LARGE: STOMP frame refused while it arrived, the limit is " + maxFrameBytes + " bytes";
    }

    private static final class Bounded extends StompProtocolManager {
        private final long maxFrameBytes;

        Bounded(StompProtocolManagerFactory factory, ActiveMQServer server, List<StompFrameInterceptor> incoming,
                List<StompFrameInterceptor> outgoing, long maxFrameBytes) {
            super(factory, server, incoming, outgoing);
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        public void handleBuffer(RemotingConnection connection, ActiveMQBuffer buffer) {
            super.handleBuffer(connection, buffer);
            // Every complete frame has been taken out; what the decoder still holds belongs to one frame.
            StompConnection stomp = (StompConnection) connection;
            VersionedStompFrameHandler handler = stomp.getFrameHandler();
            StompDecoder decoder = handler.getDecoder();
            if (decoder.data > maxFrameBytes) {
                decoder.data = 0;
                decoder.workingBuffer = new byte[1024];
                decoder.init();
                handler.onError(new ActiveMQStompException(refusal(maxFrameBytes)).setHandler(handler));
            }
        }
    }
}
