package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.testing.RequiredService;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.RemoteSftp;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polling an agency's own SFTP server: a real OpenSSH server started by {@code .ci/sftp.sh}, which writes
 * {@code /tmp/safework-ci/sftp.properties}. Without it the tests are skipped, in CI they fail ({@link RequiredService}).
 */
class RemoteSftpOpenSshTest {
    private static final String REPORT = "{\"reportId\":\"R-remote\",\"agency\":\"MZ\"}";

    private static Properties server;

    @TempDir
    Path dataDir;

    private TestHub hub;
    private Path outbox;
    private Path receipts;

    @BeforeAll
    static void readServer() throws IOException {
        server = RequiredService.properties("sftp.properties", ".ci/sftp.sh");
    }

    @BeforeEach
    void cleanRemoteFolders() throws IOException {
        Path home = Path.of(server.getProperty("home"));
        outbox = home.resolve(server.getProperty("inbox"));
        receipts = home.resolve(server.getProperty("receipts"));
        for (Path folder : List.of(outbox, receipts)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static RemoteSftp remote(String privateKey, String knownHosts) {
        return new RemoteSftp(server.getProperty("host"), Integer.parseInt(server.getProperty("port")),
                server.getProperty("user"), privateKey, knownHosts, server.getProperty("inbox"),
                server.getProperty("receipts"));
    }

    private static RemoteSftp goodRemote() {
        return remote(server.getProperty("privateKey"), server.getProperty("knownHosts"));
    }

    /** Writes a file into the remote outbox as the agency's own system would (the test runs on the same host). */
    private void dropRemote(String name, String content) throws IOException {
        Path temp = outbox.resolve("." + name + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, outbox.resolve(name));
    }

    private static List<String> takenKeys(DataSource db) throws java.sql.SQLException {
        try (var c = db.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT message_id FROM sftp_remote_taken WHERE processor_name = 'sftp-remote-MZ'")) {
            List<String> keys = new java.util.ArrayList<>();
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            return keys;
        }
    }

    private HealthCheck.Result health(String code) {
        HealthCheck check = hub.context.getRegistry().lookupByNameAndType("sftp-remote-" + code + "-health-check",
                HealthCheck.class);
        return check.call();
    }

    @Test
    void remoteFileBecomesEnvelopeIsMovedAndRecordedAndItsReceiptIsUploaded() throws Exception {
        DataSource db = TestDatabase.migrated("remote-" + UUID.randomUUID());
        hub = TestHub.remote(dataDir, List.of(TestHub.agency("MZ", goodRemote())), db);
        dropRemote("Отчёт МЗ.json", REPORT);

        await().atMost(Duration.ofSeconds(15)).until(() -> !hub.intake.named("Отчёт МЗ.json").isEmpty());
        CapturedEnvelopes.Envelope envelope = hub.intake.named("Отчёт МЗ.json").get(0);
        assertThat(new String(envelope.body(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
        assertThat(envelope.bodyType()).doesNotContain("[B");
        assertThat(envelope.header(EnvelopeHeaders.CHANNEL)).isEqualTo("sftp-remote");
        assertThat(envelope.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(envelope.header(EnvelopeHeaders.LOGIN)).isEqualTo("mz");
        assertThat(envelope.header(EnvelopeHeaders.TRANSPORT_ID)).startsWith("sftp-remote:MZ:outbox/Отчёт МЗ.json:");
        assertThat(envelope.header(EnvelopeHeaders.REPLY_TO)).isEqualTo("receipts");
        assertThat(envelope.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(outbox.resolve("Отчёт МЗ.json")));
        try (Stream<Path> archived = Files.list(outbox.resolve(RemoteSftpRoutes.REMOTE_ARCHIVE))) {
            assertThat(archived.map(p -> p.getFileName().toString())).singleElement().asString().endsWith("-Отчёт МЗ.json");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> takenKeys(db).size() == 1);
        assertThat(takenKeys(db)).singleElement().asString().startsWith("Отчёт МЗ.json-" + REPORT.length() + "-");
        assertThat(health("MZ").getState()).isEqualTo(HealthCheck.State.UP);

        Map<String, Object> back = envelope.receiptHeaders("S-remote", "ACCEPTED");
        back.put(kz.gov.safework.contract.signature.HubSigner.RECEIPT_SIGNATURE, "eyJhbGciOiJSUzI1NiJ9..c2ln");
        hub.sendReceipt("direct:receipts-sftp-remote", back, "{\"status\":\"ACCEPTED\",\"agency\":\"МЗ\"}");
        assertThat(Files.readAllBytes(receipts.resolve("Отчёт МЗ.json.receipt.json")))
                .isEqualTo("{\"status\":\"ACCEPTED\",\"agency\":\"МЗ\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(receipts.resolve("Отчёт МЗ.json.receipt.json.sig")).hasContent("eyJhbGciOiJSUzI1NiJ9..c2ln");
    }

    @Test
    void fileRecordedByAnotherHubInstanceIsNotTakenAgain() throws Exception {
        DataSource db = TestDatabase.migrated("remote-" + UUID.randomUUID());
        dropRemote("taken.json", REPORT);
        long mtime = Files.getLastModifiedTime(outbox.resolve("taken.json")).toMillis() / 1000 * 1000;
        new JdbcIdempotentRepository(db, "sftp-remote-MZ", Clock.systemUTC())
                .add("taken.json-" + REPORT.length() + "-" + mtime);
        hub = TestHub.remote(dataDir, List.of(TestHub.agency("MZ", goodRemote())), db);
        dropRemote("fresh.json", REPORT);

        await().atMost(Duration.ofSeconds(15)).until(() -> !hub.intake.named("fresh.json").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(outbox.resolve("fresh.json")));
        assertThat(hub.intake.named("taken.json")).isEmpty();
        assertThat(outbox.resolve("taken.json")).exists();
    }

    @Test
    void refusedKeyShowsDownWithTheAgencyWhileOtherAgenciesArePolled() throws Exception {
        DataSource db = TestDatabase.migrated("remote-" + UUID.randomUUID());
        Agency refused = TestHub.agency("AKIMAT-ASTANA",
                remote(server.getProperty("strangerKey"), server.getProperty("knownHosts")));
        hub = TestHub.remote(dataDir, List.of(refused, TestHub.agency("MZ", goodRemote())), db);
        dropRemote("report.json", REPORT);

        await().atMost(Duration.ofSeconds(15)).until(() -> !hub.intake.named("report.json").isEmpty());
        assertThat(hub.intake.named("report.json").get(0).header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        await().atMost(Duration.ofSeconds(15)).until(() -> health("AKIMAT-ASTANA").getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = health("AKIMAT-ASTANA");
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("AKIMAT-ASTANA").containsIgnoringCase("auth"));
        assertThat(down.getDetails()).containsEntry("agency", "AKIMAT-ASTANA");
        assertThat(health("MZ").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(hub.context.getRouteController().getRouteStatus("sftp-remote-AKIMAT-ASTANA").isStarted()).isTrue();
    }

    @Test
    void unexpectedHostKeyIsRefused() throws Exception {
        DataSource db = TestDatabase.migrated("remote-" + UUID.randomUUID());
        // The known_hosts line names another key for this server: a man in the middle, as far as the hub knows.
        String[] line = server.getProperty("knownHosts").split(" ");
        String otherKey = Files.readString(Path.of(server.getProperty("privateKey") + ".pub")).split(" ")[1];
        String wrongKnownHosts = line[0] + " ssh-ed25519 " + otherKey;
        hub = TestHub.remote(dataDir, List.of(TestHub.agency("MZ", remote(server.getProperty("privateKey"),
                wrongKnownHosts))), db);
        dropRemote("report.json", REPORT);

        await().atMost(Duration.ofSeconds(15)).until(() -> health("MZ").getState() == HealthCheck.State.DOWN);
        assertThat(hub.intake.all()).isEmpty();
        assertThat(outbox.resolve("report.json")).exists();
    }
}
