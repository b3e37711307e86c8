package kz.gov.safework.contract.reading;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that a safe reader must never contact. It counts every connection and closes it at
 * once, so a reader that does connect fails fast instead of waiting for an answer. The count is taken
 * before the close, and a client only gets past its request after the close, so once the read under test
 * has returned the count is final.
 */
final class ConnectionTrap implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    ConnectionTrap() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "connection-trap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
