package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/** A real SFTP client (Apache MINA SSHD) logged in to the drop box; remembers the host key it was shown. */
final class SftpTestClient implements AutoCloseable {
    /** A bound, not an expectation: a loaded CI machine (2 cores, several JVMs) can take seconds per handshake. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SshClient client;
    private final ClientSession session;
    final SftpClient sftp;
    final PublicKey hostKey;

    private SftpTestClient(SshClient client, ClientSession session, SftpClient sftp, PublicKey hostKey) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.hostKey = hostKey;
    }

    static SftpTestClient password(int port, String login, String password) throws IOException {
        return connect(port, login, password, null);
    }

    static SftpTestClient key(int port, String login, KeyPair key) throws IOException {
        return connect(port, login, null, key, null);
    }

    /** Signs the key login with this one signature algorithm only (the host key is Ed25519). */
    static SftpTestClient key(int port, String login, KeyPair key, String signatureAlgorithm) throws IOException {
        return connect(port, login, null, key, signatureAlgorithm);
    }

    private static SftpTestClient connect(int port, String login, String password, KeyPair key) throws IOException {
        return connect(port, login, password, key, null);
    }

    private static SftpTestClient connect(int port, String login, String password, KeyPair key,
            String signatureAlgorithm) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        if (signatureAlgorithm != null) {
            client.setSignatureFactories(List.<NamedFactory<Signature>>of(BuiltinSignatures.ed25519,
                    BuiltinSignatures.fromFactoryName(signatureAlgorithm)));
        }
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        client.setServerKeyVerifier((clientSession, remoteAddress, serverKey) -> {
            seen.set(serverKey);
            return true; // the tests compare the key themselves
        });
        client.start();
        try {
            ClientSession session = client.connect(login, "127.0.0.1", port).verify(TIMEOUT).getSession();
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            if (key != null) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(TIMEOUT);
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpTestClient(client, session, sftp, seen.get());
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    void upload(String path, byte[] content) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(content);
        }
    }

    void upload(String path, String content) throws IOException {
        upload(path, content.getBytes(StandardCharsets.UTF_8));
    }

    byte[] download(String path) throws IOException {
        try (var in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
            session.close();
        } finally {
            client.stop();
        }
    }
}
