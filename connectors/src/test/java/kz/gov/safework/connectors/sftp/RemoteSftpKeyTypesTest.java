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

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private keys the hub uses to poll agencies' own servers, as agencies' administrators make them with
 * {@code ssh-keygen} (OpenSSH private key format): camel-ftp's SFTP client (JSch) logs in with each type to an
 * SFTP server (here the hub's own drop box, whose host key is Ed25519 and strictly checked) and takes a file.
 * A missing key fails only that agency's polls.
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
        TestHub server = agencyServer();
        Path key = keygen(type);
        Files.copy(Path.of(key + ".pub"), server.dataDir.resolve("config/sftp-keys/mz.pub"));

        TestHub hub = start(TestHub.remote(dir.resolve("hub"), List.of(TestHub.agency("MZ", remote(server, "mz", key))),
                TestDatabase.migrated("key-types-" + UUID.randomUUID())));
        drop(server, "mz", "report-" + type + ".json");

        await().atMost(Duration.ofSeconds(20)).until(() -> !hub.intake.named("report-" + type + ".json").isEmpty());
        CapturedEnvelopes.Envelope envelope = hub.intake.named("report-" + type + ".json").get(0);
        assertThat(envelope.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(new String(envelope.body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
    }

    @Test
    void missingPrivateKeyFailsOnlyThatAgencysPollsAndShowsInItsHealth() throws Exception {
        TestHub server = agencyServer();
        Path key = keygen("ed25519");
        Files.copy(Path.of(key + ".pub"), server.dataDir.resolve("config/sftp-keys/mz.pub"));

        TestHub hub = start(TestHub.remote(dir.resolve("hub"), List.of(
                TestHub.agency("AKIMAT-ASTANA", remote(server, "akimat-astana", dir.resolve("no-such-key"))),
                TestHub.agency("MZ", remote(server, "mz", key))),
                TestDatabase.migrated("key-types-" + UUID.randomUUID())));
        drop(server, "mz", "report.json");

        await().atMost(Duration.ofSeconds(20)).until(() -> !hub.intake.named("report.json").isEmpty());
        HealthCheck astana = hub.context.getRegistry().lookupByNameAndType("sftp-remote-AKIMAT-ASTANA-health-check",
                HealthCheck.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> astana.call().getState() == HealthCheck.State.DOWN);
        assertThat(astana.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("AKIMAT-ASTANA"));
    }

    /** The agency's server: a drop box that leaves its inboxes alone, so only the polling hub takes files. */
    private TestHub agencyServer() throws Exception {
        TestHub server = start(TestHub.start(dir.resolve("agency-server")));
        server.context.getRouteController().stopRoute("sftp-intake");
        Files.createDirectories(server.dataDir.resolve("config/sftp-keys"));
        assertThat(Files.readString(server.dataDir.resolve("sftp-host-key.pub"))).startsWith("ssh-ed25519 ");
        return server;
    }

    /** The server's Ed25519 host key is strictly checked against this known_hosts line. */
    private static RemoteSftp remote(TestHub server, String user, Path key) throws Exception {
        String[] hostKey = Files.readString(server.dataDir.resolve("sftp-host-key.pub")).split(" ");
        String knownHosts = "[127.0.0.1]:" + server.port + " " + hostKey[0] + " " + hostKey[1];
        return new RemoteSftp("127.0.0.1", server.port, user, key.toString(), knownHosts, "inbox", "receipts");
    }

    private static void drop(TestHub server, String login, String name) throws Exception {
        Path inbox = server.home(login).resolve("inbox");
        Files.createDirectories(inbox.resolve(RemoteSftpRoutes.REMOTE_ARCHIVE));
        Files.writeString(inbox.resolve(name), REPORT);
    }

    private Path keygen(String type) throws Exception {
        Path key = dir.resolve("id_" + type);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "hub@" + type,
                "-f", key.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).as(new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        return key;
    }

    private TestHub start(TestHub hub) {
        hubs.add(hub);
        return hub;
    }
}
