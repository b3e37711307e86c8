package kz.gov.safework.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

/**
 * Sends one AMQP 1.0 message whose body (a single Data section of {@code bodyBytes} spaces) is generated
 * while it is written to the socket, so a 1 GiB message never exists in this JVM. Qpid JMS cannot do that
 * (it builds the whole message first); this drives the Proton-J engine directly. Returns what the broker
 * answered: {@code Accepted}, {@code Rejected: <condition>}, or how the link or connection ended.
 */
final class StreamingAmqpSender implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final SocketChannel channel;
    private final Selector selector;

    StreamingAmqpSender(int port, String user, String password) throws IOException {
        transport.sasl().client();
        transport.sasl().plain(user, password);
        transport.bind(connection);
        connection.setContainer("streaming-sender");
        connection.setHostname("127.0.0.1");
        connection.open();
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    String send(String address, long bodyBytes, Duration timeout) throws IOException {
        try {
            return sendOrFail(address, bodyBytes, timeout);
        } catch (Closed e) {
            return e.getMessage();
        }
    }

    /** The broker closed the connection; its message says how. */
    private static final class Closed extends IOException {
        Closed(String message) {
            super(message);
        }
    }

    private String sendOrFail(String address, long bodyBytes, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        Session session = connection.session();
        session.open();
        Sender sender = session.sender("huge");
        Target target = new Target();
        target.setAddress(address);
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.open();
        while (sender.getCredit() <= 0) {
            String ended = ended(sender);
            if (ended != null) {
                return ended;
            }
            pump(deadline, true);
        }

        Delivery delivery = sender.delivery("1".getBytes(StandardCharsets.US_ASCII));
        // Data section: descriptor 0x00 0x53 0x75, then vbin32 (0xb0, 4-byte length), then the bytes.
        ByteBuffer head = ByteBuffer.allocate(8).put(new byte[] {0x00, 0x53, 0x75, (byte) 0xb0}).putInt((int) bodyBytes);
        sender.send(head.array(), 0, head.capacity());
        byte[] chunk = new byte[CHUNK];
        java.util.Arrays.fill(chunk, (byte) ' ');
        long left = bodyBytes;
        while (left > 0) {
            int n = (int) Math.min(CHUNK, left);
            sender.send(chunk, 0, n);
            left -= n;
            // Keep at most a few chunks buffered in the engine: write them out before making more.
            while (delivery.pending() > 4 * CHUNK) {
                String ended = ended(sender);
                if (ended != null) {
                    return ended;
                }
                pump(deadline, true);
            }
        }
        sender.advance();
        while (true) {
            DeliveryState state = delivery.getRemoteState();
            if (state instanceof Accepted) {
                return "Accepted";
            }
            if (state instanceof Rejected rejected) {
                return "Rejected: " + describe(rejected.getError());
            }
            if (state != null) {
                return state.toString();
            }
            String ended = ended(sender);
            if (ended != null) {
                return ended;
            }
            pump(deadline, true);
        }
    }

    private String ended(Sender sender) {
        if (sender.getRemoteState() == EndpointState.CLOSED) {
            return "link closed: " + describe(sender.getRemoteCondition());
        }
        if (connection.getRemoteState() == EndpointState.CLOSED) {
            return "connection closed: " + describe(connection.getRemoteCondition());
        }
        return null;
    }

    private static String describe(ErrorCondition condition) {
        return condition == null ? "" : condition.getCondition() + " " + condition.getDescription();
    }

    /** Writes what the engine has to send, then reads what has arrived (waiting a little for it). */
    private void pump(Instant deadline, boolean waitForInput) throws IOException {
        if (Instant.now().isAfter(deadline)) {
            throw new IOException("no answer from the broker in time");
        }
        // Empty frames when the broker's idle time-out asks for them: it may take a while to store 1 GiB.
        transport.tick(System.currentTimeMillis());
        int pending;
        while ((pending = transport.pending()) > 0) {
            ByteBuffer out = transport.head();
            int written;
            try {
                written = channel.write(out);
            } catch (IOException e) {
                // The broker closed the socket while we were still sending (it does when it refuses a message
                // part way): what it said before that is already in our receive buffer, read it.
                readAvailable();
                throw new Closed("connection closed: " + describe(connection.getRemoteCondition()) + " (" + e + ")");
            }
            if (written > 0) {
                transport.pop(written);
            } else {
                selector.select(key -> { }, 50);
                readAvailable();
            }
        }
        if (pending < 0) {
            throw new Closed("connection closed: " + describe(connection.getRemoteCondition()) + " "
                    + describe(transport.getCondition()));
        }
        if (waitForInput) {
            selector.select(key -> { }, 50);
        }
        readAvailable();
    }

    private void readAvailable() throws IOException {
        while (true) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                return;
            }
            ByteBuffer in = transport.tail();
            int read;
            try {
                read = channel.read(in);
            } catch (IOException reset) {
                read = -1; // reset by the broker: the end of what it said
            }
            if (read > 0) {
                transport.process();
            } else {
                if (read < 0) {
                    transport.close_tail();
                }
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
