package kz.gov.safework.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Puts TLS in front of a plain test server (GreenMail's IMAP or SMTP), the way a real mail server offers
 * IMAPS or SMTPS, with a certificate the test chooses and may change between connections.
 */
final class TlsProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final AtomicReference<SSLContext> tls;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TlsProxy(int target, SSLContext tls) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.tls = new AtomicReference<>(tls);
        Thread acceptor = new Thread(this::accept, "tls-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The certificate offered from now on; open connections are dropped, so clients must connect again. */
    void present(SSLContext next) {
        tls.set(next);
        open.forEach(TlsProxy::close);
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SSLSocket secured = (SSLSocket) tls.get().getSocketFactory()
                        .createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
                secured.setUseClientMode(false);
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(secured);
                open.add(plain);
                pump(secured, plain);
                pump(plain, secured);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Copies one direction until either side closes; then closes both. */
    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // a failed handshake or a closed peer ends this direction
            } finally {
                close(from);
                close(to);
            }
        }, "tls-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TlsProxy::close);
    }
}
