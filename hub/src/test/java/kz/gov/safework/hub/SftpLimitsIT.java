package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP drop box of the packaged hub (heap 256 MiB, default limits) against a sender that streams 5 GiB and one
 * that opens 500 sessions at once: both refused early, the hub healthy and another agency's upload still answered.
 */
class SftpLimitsIT {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path data;
    @TempDir
    static Path work;

    private static HubProcess hub;

    @BeforeAll
    static void start() throws IOException {
        hub = new HubProcess(data, Map.of()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        HubProcess.closeAll(hub);
    }

    @Test
    void fiveGibibytesOfZerosStreamedByCurlAreRefusedWhileWrittenAndRemoved() throws Exception {
        String user = "akimat-astana:" + QueueChannelIT.password("akimat-astana");
        // The client streams: nothing of the 5 GiB exists anywhere but in the pipe.
        ProcessBuilder streamed = new ProcessBuilder("bash", "-c",
                "head -c 5G /dev/zero | curl -sS -k -u \"$SW_USER\" -T - \"$SW_URL\"").redirectErrorStream(true);
        streamed.environment().put("SW_USER", user);
        streamed.environment().put("SW_URL", sftp("/inbox/zeros.json"));
        Process put = streamed.start();
        assertThat(put.waitFor(5, TimeUnit.MINUTES)).as("upload refused before the 5 GiB are sent").isTrue();
        String output = new String(put.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(put.exitValue()).as(output).isNotZero();

        JsonNode receipt = receipt("akimat-astana", "zeros.json");
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        assertThat(receipt.path("errors").toString()).contains("DOCUMENT_TOO_LARGE");
        Path home = data.resolve("sftp").resolve("akimat-astana");
        await().atMost(WAIT).until(() -> !Files.exists(home.resolve("inbox/zeros.json")));
        assertThat(home.resolve("archive/zeros.json")).doesNotExist();
        assertThat(bytesUnder(data)).as("bytes under the data dir").isLessThan(512L * 1024 * 1024);

        assertOtherAgencyStillAnswered();
    }

    @Test
    void fiveHundredConcurrentLoginsAreBoundedAndTheHubStaysUsable() throws Exception {
        String password = QueueChannelIT.password("akimat-astana");
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> true);
        client.start();
        List<ClientSession> sessions = new ArrayList<>();
        int loggedIn = 0;
        int refused = 0;
        try {
            List<ConnectFuture> connects = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                connects.add(client.connect("akimat-astana", "127.0.0.1", hub.sftpPort));
            }
            for (ConnectFuture connect : connects) {
                try {
                    ClientSession session = connect.verify(WAIT).getSession();
                    sessions.add(session);
                    session.addPasswordIdentity(password);
                } catch (IOException closedAtOnce) {
                    refused++;
                }
            }
            for (ClientSession session : sessions) {
                try {
                    session.auth().verify(WAIT);
                    loggedIn++;
                } catch (IOException | RuntimeException tooMany) {
                    refused++;
                }
            }
            assertThat(loggedIn).as("sessions of one login").isPositive().isLessThanOrEqualTo(10);
            assertThat(refused).isEqualTo(500 - loggedIn);
        } finally {
            for (ClientSession session : sessions) {
                session.close(true);
            }
            client.stop();
        }
        assertOtherAgencyStillAnswered();
    }

    private void assertOtherAgencyStillAnswered() throws Exception {
        String id = Reports.newId();
        Path report = work.resolve(id + ".json");
        Files.writeString(report, Reports.json(id, "AKIMAT-ALMATY", 2023, "14", null));
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            // Retried: the refused sessions of the test before may still be closing.
            Process put = new ProcessBuilder("curl", "-sS", "-k", "-u", almaty(), "-T", report.toString(),
                    sftp("/inbox/")).redirectErrorStream(true).start();
            put.getInputStream().readAllBytes();
            return put.waitFor() == 0;
        });
        JsonNode receipt = receipt("akimat-almaty", report.getFileName().toString());
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    }

    private static String almaty() throws Exception {
        return "akimat-almaty:" + QueueChannelIT.password("akimat-almaty");
    }

    private String sftp(String path) {
        return "sftp://127.0.0.1:" + hub.sftpPort + path;
    }

    private JsonNode receipt(String login, String fileName) throws Exception {
        String user = login + ":" + QueueChannelIT.password(login);
        Path receipt = work.resolve(login + "-" + fileName + ".receipt.json");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Process get = new ProcessBuilder(List.of("curl", "-sS", "-k", "-u", user, "-o", receipt.toString(),
                    sftp("/receipts/" + fileName + ".receipt.json"))).redirectErrorStream(true).start();
            get.getInputStream().readAllBytes();
            return get.waitFor() == 0 && Files.size(receipt) > 0;
        });
        return new ObjectMapper().readTree(receipt.toFile());
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }
}
