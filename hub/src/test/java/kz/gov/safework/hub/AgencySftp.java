package kz.gov.safework.hub;

import java.io.IOException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/** An agency's SFTP client (Apache MINA SSHD) on the packaged hub's SFTP port, logged in with its demo password. */
final class AgencySftp {
    private AgencySftp() {
    }

    interface Work<T> {
        T run(SftpClient sftp) throws Exception;
    }

    /** Runs {@code work} in one SFTP session of {@code login} and returns what it returns. */
    static <T> T with(HubProcess hub, String login, Work<T> work) throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(login, "127.0.0.1", hub.sftpPort).verify(10_000).getSession()) {
                session.addPasswordIdentity(QueueChannelIT.password(login));
                session.auth().verify(10_000);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    return work.run(sftp);
                }
            }
        }
    }

    static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            return false;
        }
    }
}
