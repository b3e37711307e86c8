package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.RemoteSftp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private keys the hub uses to poll agencies' own servers, as agencies' administrators make them with
 * {@code ssh-keygen} (OpenSSH private key format): camel-ftp's SFTP client (JSch) logs in with each type to an
 * SFTP server (here the hub's own drop box, whose host key is Ed25519 and strictly checked) and takes a file.
 * Needs {@code ssh-keygen}: skipped without it on a developer machine, failed without it in CI.
 */
class RemoteSftpKeyTypesTest {
    private static final String REPORT = "{\"reportId\":\"R-key-types\",\"agency\":\"MZ\"}";

    @TempDir
    Path dir;

    private final List<TestHub> hubs = new ArrayList<>();

    @BeforeAll
    static void sshKeygen() {
        boolean present = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "ssh-keygen")));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI must have ssh-keygen (openssh-client, installed by .ci/run)");
        }
        assumeTrue(present, "install openssh-client to run this test");
    }

    @AfterEach
    void stop() {
        hubs.forEach(TestHub::close);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void pollsAnAgencyServerWithAPrivateKeyMadeBySshKeygen(String type) throws Exception {
        // The agency's server: a drop box that leaves its inbox alone, so only the polling hub takes files.
        TestHub server = start(TestHub.start(dir.resolve("agency-server")));
        server.context.getRouteController().stopRoute("sftp-intake");
        Path key = dir.resolve("id_" + type);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "hub@" + type,
                "-f", key.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).as(new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        Path keys = Files.createDirectories(server.dataDir.resolve("config/sftp-keys"));
        Files.copy(Path.of(key + ".pub"), keys.resolve("mz.pub"));
        String[] hostKey = Files.readString(server.dataDir.resolve("sftp-host-key.pub")).split(" ");
        String knownHosts = "[127.0.0.1]:" + server.port + " " + hostKey[0] + " " + hostKey[1];
        assertThat(hostKey[0]).isEqualTo("ssh-ed25519");

        TestHub hub = start(TestHub.remote(dir.resolve("hub"), List.of(TestHub.agency("MZ",
                new RemoteSftp("127.0.0.1", server.port, "mz", key.toString(), knownHosts, "inbox", "receipts"))),
                TestDatabase.migrated("key-types-" + UUID.randomUUID())));
        Path inbox = server.home("mz").resolve("inbox");
        Files.createDirectories(inbox.resolve(RemoteSftpRoutes.REMOTE_ARCHIVE));
        Files.writeString(inbox.resolve("report-" + type + ".json"), REPORT);

        await().atMost(Duration.ofSeconds(20)).until(() -> !hub.intake.named("report-" + type + ".json").isEmpty());
        CapturedEnvelopes.Envelope envelope = hub.intake.named("report-" + type + ".json").get(0);
        assertThat(envelope.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(new String(envelope.body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
    }

    private TestHub start(TestHub hub) {
        hubs.add(hub);
        return hub;
    }
}
