package kz.gov.safework.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A STOMP 1.2 client over a raw socket, as small as an agency's script: CONNECT, SEND with a
 * {@code receipt} header (the broker's confirmation that it holds the message), SUBSCRIBE with
 * {@code client-individual} acknowledgement and ACK. Shares no code with the broker.
 */
public final class StompClient implements AutoCloseable {
    /** One STOMP frame: command, headers, body. */
    public record Frame(String command, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public StompClient(int port, String login, String passcode) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = new java.io.BufferedOutputStream(socket.getOutputStream());
        write("CONNECT", Map.of("accept-version", "1.2", "host", "hub", "login", login, "passcode", passcode,
                "heart-beat", "0,0"), new byte[0]);
        out.flush();
        Frame connected = read();
        if (!"CONNECTED".equals(connected.command())) {
            throw new IOException("STOMP login refused: " + connected.command() + " " + connected.headers());
        }
    }

    /** Writes a SEND asking for a receipt with the given id; the RECEIPT comes later through {@link #read()}. */
    public void send(String destination, Map<String, String> headers, byte[] body, String receiptId) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("destination", destination);
        all.put("content-length", Integer.toString(body.length));
        all.put("receipt", receiptId);
        write("SEND", all, body);
    }

    /**
     * Writes a SEND of {@code bodyBytes} spaces (with its content-length), made as they are written, until the
     * broker stops it; returns what the broker said then: {@code ERROR: <headers>} or, if it said nothing,
     * how the connection ended. Returns {@code RECEIPT} if the whole frame was taken.
     */
    public String sendHugeUntilRefused(String destination, long bodyBytes) throws IOException {
        StringBuilder head = new StringBuilder("SEND\n").append("destination:").append(destination).append('\n')
                .append("content-length:").append(bodyBytes).append('\n').append("receipt:huge\n\n");
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try {
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            for (long left = bodyBytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write(0);
            out.flush();
        } catch (IOException refused) {
            // the broker closed the connection while we wrote: what it said before is in our receive buffer
        }
        try {
            socket.setSoTimeout(30_000);
            return read().command();
        } catch (StompError e) {
            return "ERROR: " + e.frame.headers();
        } catch (IOException e) {
            return "connection ended: " + e;
        }
    }

    /**
     * Writes the start of a SEND (asking for a receipt) declaring {@code sent + 1} body bytes but sends only
     * {@code sent} of them; {@link #finishPartial()} sends the rest.
     */
    public void sendPartial(String destination, long sent) throws IOException {
        out.write(("SEND\ndestination:" + destination + "\ncontent-length:" + (sent + 1) + "\nreceipt:partial\n\n")
                .getBytes(StandardCharsets.UTF_8));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long left = sent; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.flush();
    }

    /** Ends the frame {@link #sendPartial} began; an error from a connection the broker closed is ignored. */
    public void finishPartial() {
        try {
            out.write(' ');
            out.write(0);
            out.flush();
        } catch (IOException closedByTheBroker) {
            // what the broker said before it closed is read by answer()
        }
    }

    /** The next frame's command, {@code ERROR: <headers>} for an error, or {@code none} if none came in time. */
    public String answer(int timeoutMillis) throws IOException {
        try {
            Frame frame = read(timeoutMillis);
            return frame == null ? "none" : frame.command();
        } catch (StompError e) {
            return "ERROR: " + e.frame.headers();
        }
    }

    public void subscribe(String destination, String id) throws IOException {
        write("SUBSCRIBE", Map.of("destination", destination, "id", id, "ack", "client-individual"), new byte[0]);
        out.flush();
    }

    public void ack(Frame message) throws IOException {
        write("ACK", Map.of("id", message.header("ack")), new byte[0]);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** The next frame, or null when none came within the timeout. */
    public Frame read(int timeoutMillis) throws IOException {
        out.flush();
        socket.setSoTimeout(timeoutMillis);
        try {
            return read();
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
    }

    private Frame read() throws IOException {
        String command;
        do {
            command = line();
        } while (command.isEmpty()); // heart-beats and the newline after a frame's NUL
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.putIfAbsent(h.substring(0, colon), h.substring(colon + 1));
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            expect(in.read() == 0);
        } else {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != 0; c = in.read()) {
                expect(c >= 0);
                b.write(c);
            }
            body = b.toByteArray();
        }
        Frame frame = new Frame(command, headers, body);
        if ("ERROR".equals(command)) {
            throw new StompError(frame);
        }
        return frame;
    }

    /** The broker answered with an ERROR frame. */
    private static final class StompError extends IOException {
        final transient Frame frame;

        StompError(Frame frame) {
            super("STOMP error: " + frame.headers() + " " + frame.text());
            this.frame = frame;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            expect(c >= 0);
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void expect(boolean ok) throws IOException {
        if (!ok) {
            throw new IOException("STOMP connection closed mid-frame");
        }
    }

    private void write(String command, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(command).append('\n');
        headers.forEach((k, v) -> head.append(k).append(':').append(v).append('\n'));
        head.append('\n');
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
