package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.health.HealthCheck;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may log in to the drop box, and that each agency sees its own home and nothing else. */
class DropBoxAccessTest extends TestHubPerTest {
    private static final String MZ_SECRET = "{\"reportId\":\"MZ-secret\"}";

    @BeforeEach
    void start() throws Exception {
        hub = TestHub.start(dataDir);
        // A file of MZ that AKIMAT-ASTANA must never reach; the hub stops taking MZ's inbox for this.
        Files.writeString(hub.home("mz").resolve("receipts/secret.json.receipt.json"), MZ_SECRET);
    }

    private SftpTestClient astana() throws IOException {
        return hub.astana();
    }

    @Test
    void agencyLogsInWithItsPasswordAndSeesOnlyItsThreeFolders() throws Exception {
        try (SftpTestClient client = hub.mz()) {
            List<String> names = new ArrayList<>();
            for (SftpClient.DirEntry entry : client.sftp.readDir("/")) {
                names.add(entry.getFilename());
            }
            assertThat(names).filteredOn(n -> !n.equals(".") && !n.equals(".."))
                    .containsExactlyInAnyOrder("inbox", "receipts", "archive");
            assertThat(client.sftp.canonicalPath("..")).isEqualTo("/");
        }
    }

    @Test
    void loginInUpperCaseIsTheSameAgency() throws Exception {
        try (SftpTestClient client = SftpTestClient.password(hub.port, "MZ", TestHub.MZ_PASSWORD)) {
            assertThat(client.download("/receipts/secret.json.receipt.json")).asString().isEqualTo(MZ_SECRET);
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> SftpTestClient.password(hub.port, "mz", "wrong")).isInstanceOf(IOException.class);
    }

    @Test
    void anotherAgencysPasswordIsRefused() {
        assertThatThrownBy(() -> SftpTestClient.password(hub.port, "mz", TestHub.ASTANA_PASSWORD))
                .isInstanceOf(IOException.class);
    }

    @Test
    void operatorHasNoDropBox() {
        assertThatThrownBy(() -> SftpTestClient.password(hub.port, "operator", TestHub.OPERATOR_PASSWORD))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownLoginIsRefused() {
        assertThatThrownBy(() -> SftpTestClient.password(hub.port, "nobody", "x")).isInstanceOf(IOException.class);
    }

    private Path keyFile(String login) throws IOException {
        Path keys = dataDir.resolve("config/sftp-keys");
        Files.createDirectories(keys);
        return keys.resolve(login + ".pub");
    }

    @Test
    void ed25519KeyAddedWhileRunningLogsInWithoutRestart() throws Exception {
        KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        assertThatThrownBy(() -> SftpTestClient.key(hub.port, "mz", key)).isInstanceOf(IOException.class);

        Files.writeString(keyFile("mz"), "# MZ integration server\n" + PublicKeyEntry.toString(key.getPublic())
                + " mz-integration\n");

        try (SftpTestClient client = SftpTestClient.key(hub.port, "mz", key)) {
            assertThat(client.download("/receipts/secret.json.receipt.json")).asString().isEqualTo(MZ_SECRET);
        }
        // The same key is not a key of another agency.
        assertThatThrownBy(() -> SftpTestClient.key(hub.port, "akimat-astana", key)).isInstanceOf(IOException.class);
    }

    @Test
    void brokenKeyFileRefusesOnlyItsAgencysKeysAndShowsInHealthUntilFixed() throws Exception {
        KeyPair mzKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair astanaKey = ecKey();
        Files.writeString(keyFile("mz"), PublicKeyEntry.toString(mzKey.getPublic()) + "\n");
        Files.writeString(keyFile("akimat-astana"), PublicKeyEntry.toString(astanaKey.getPublic()) + "\nnot a key\n");
        HealthCheck check = hub.context.getRegistry().lookupByNameAndType("sftp-keys-health-check", HealthCheck.class);

        HealthCheck.Result broken = check.call();
        assertThat(broken.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(broken.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("akimat-astana.pub:2: not a"));
        assertThatThrownBy(() -> SftpTestClient.key(hub.port, "akimat-astana", astanaKey)).isInstanceOf(IOException.class);
        try (SftpTestClient client = SftpTestClient.key(hub.port, "mz", mzKey)) {
            assertThat(client.download("/receipts/secret.json.receipt.json")).asString().isEqualTo(MZ_SECRET);
        }
        astana().close(); // the agency's password still works

        Files.writeString(keyFile("akimat-astana"), PublicKeyEntry.toString(astanaKey.getPublic()) + "\n");

        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        SftpTestClient.key(hub.port, "akimat-astana", astanaKey).close();
    }

    @Test
    void rsaKeyLogsInWithSha2SignaturesOnly() throws Exception {
        KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
        Files.writeString(keyFile("mz"), PublicKeyEntry.toString(key.getPublic()) + "\n");

        SftpTestClient.key(hub.port, "mz", key).close();
        SftpTestClient.key(hub.port, "mz", key, KeyUtils.RSA_SHA512_KEY_TYPE_ALIAS).close();
        assertThatThrownBy(() -> SftpTestClient.key(hub.port, "mz", key, KeyPairProvider.SSH_RSA))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownPublicKeyIsRefused() {
        assertThatThrownBy(() -> SftpTestClient.key(hub.port, "mz", ecKey())).isInstanceOf(IOException.class);
    }

    @Test
    void dotDotDoesNotLeaveTheHome() throws Exception {
        try (SftpTestClient client = astana()) {
            assertThatThrownBy(() -> client.download("../mz/receipts/secret.json.receipt.json"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.download("/receipts/../../mz/receipts/secret.json.receipt.json"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.download("/../../sftp-host-key")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.upload("/../mz/inbox/planted.json", "{}")).isInstanceOf(IOException.class);
        }
        assertThat(hub.home("mz").resolve("inbox/planted.json")).doesNotExist();
        assertThat(dataDir.resolve("sftp/planted.json")).doesNotExist();
    }

    @Test
    void absoluteHostPathIsResolvedInsideTheHome() throws Exception {
        Path secret = hub.home("mz").resolve("receipts/secret.json.receipt.json").toAbsolutePath();
        try (SftpTestClient client = astana()) {
            assertThatThrownBy(() -> client.download(secret.toString())).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.download("/etc/passwd")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void clientCannotCreateSymbolicLinks() throws Exception {
        try (SftpTestClient client = astana()) {
            assertThatThrownBy(() -> client.sftp.symLink("/inbox/link.json", "/etc/passwd"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.sftp.symLink("/inbox/link.json", "../mz/receipts/secret.json.receipt.json"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.sftp.link("/receipts/hard.json", "/inbox/x.json", false))
                    .isInstanceOf(IOException.class);
        }
        assertThat(hub.home("akimat-astana").resolve("inbox/link.json")).doesNotExist();
    }

    @Test
    void symbolicLinkPlacedOnDiskDoesNotLeadOutOfTheHome() throws Exception {
        Path outside = hub.home("mz").resolve("receipts/secret.json.receipt.json");
        Files.createSymbolicLink(hub.home("akimat-astana").resolve("receipts/evil.json"), outside);
        Files.createSymbolicLink(hub.home("akimat-astana").resolve("receipts/evil-dir"), hub.home("mz"));
        try (SftpTestClient client = astana()) {
            assertThatThrownBy(() -> client.download("/receipts/evil.json")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.download("/receipts/evil-dir/receipts/secret.json.receipt.json"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void documentsCanOnlyBeWrittenDirectlyInTheInbox() throws Exception {
        try (SftpTestClient client = astana()) {
            assertThatThrownBy(() -> client.upload("/receipts/fake.json.receipt.json", "{}")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.upload("/archive/x.json", "{}")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.upload("/x.json", "{}")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.sftp.mkdir("/inbox/sub")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.sftp.mkdir("/other")).isInstanceOf(IOException.class);
        }
        assertThat(hub.home("akimat-astana").resolve("receipts")).isEmptyDirectory();
        assertThat(hub.home("akimat-astana").resolve("archive")).isEmptyDirectory();
        assertThat(hub.home("akimat-astana").resolve("inbox")).isEmptyDirectory();
        try (var entries = Files.list(hub.home("akimat-astana"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("inbox", "receipts", "archive");
        }
    }

    @Test
    void newInstallMakesAnEd25519HostKeyAndPublishesItsPublicHalf() throws Exception {
        try (SftpTestClient client = hub.mz()) {
            assertThat(KeyUtils.getKeyType(client.hostKey)).isEqualTo(KeyPairProvider.SSH_ED25519);
            assertThat(Files.readString(dataDir.resolve("sftp-host-key.pub")))
                    .startsWith(PublicKeyEntry.toString(client.hostKey) + " ");
        }
    }

    @Test
    void existingRsaHostKeyIsKeptSoKnownHostsStayValid() throws Exception {
        hub.close();
        KeyPair rsa = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 3072);
        try (var out = Files.newOutputStream(dataDir.resolve("sftp-host-key"))) {
            new OpenSSHKeyPairResourceWriter().writePrivateKey(rsa, "installed before", null, out);
        }
        hub = TestHub.startOnPort(dataDir, hub.port);
        try (SftpTestClient client = hub.mz()) {
            assertThat(KeyUtils.compareKeys(client.hostKey, rsa.getPublic())).isTrue();
        }
    }

    @Test
    void ecdsaHostKeyOfAnEarlierReleaseIsKept() throws Exception {
        hub.close();
        Files.delete(dataDir.resolve("sftp-host-key"));
        // What releases before Ed25519 made: MINA's generator, EC P-256.
        SimpleGeneratorHostKeyProvider earlier = new SimpleGeneratorHostKeyProvider(dataDir.resolve("sftp-host-key"));
        earlier.setAlgorithm(KeyUtils.EC_ALGORITHM);
        earlier.setKeySize(256);
        KeyPair before = earlier.loadKeys(null).get(0);
        hub = TestHub.startOnPort(dataDir, hub.port);
        try (SftpTestClient client = hub.mz()) {
            assertThat(KeyUtils.compareKeys(client.hostKey, before.getPublic())).isTrue();
        }
    }

    @Test
    void hostKeyIsKeptAcrossRestarts() throws Exception {
        String before;
        try (SftpTestClient client = hub.mz()) {
            before = KeyUtils.getFingerPrint(client.hostKey);
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve("sftp-host-key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        hub.close();
        hub = TestHub.startOnPort(dataDir, hub.port);
        try (SftpTestClient client = hub.mz()) {
            assertThat(KeyUtils.getFingerPrint(client.hostKey)).isEqualTo(before);
        }
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
