package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SFTP keys as agencies make them today, against the packaged hub and with the system's OpenSSH tools:
 * {@code ssh-keygen} makes the keys, {@code sftp} logs in with each, uploads a report and reads its receipt.
 * The hub starts with one broken key file and one weak key next to the good ones, and a key added while it
 * runs works without a restart. Needs {@code ssh-keygen}, {@code ssh-keyscan} and {@code sftp}
 * (openssh-client): skipped without them on a developer machine, failed without them in CI.
 */
class SftpKeysIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Every key type an agency may use, as ssh-keygen is asked for it. */
    private static final Map<String, List<String>> KEY_TYPES = Map.of(
            "ed25519", List.of("-t", "ed25519"),
            "ecdsa-256", List.of("-t", "ecdsa", "-b", "256"),
            "ecdsa-384", List.of("-t", "ecdsa", "-b", "384"),
            "ecdsa-521", List.of("-t", "ecdsa", "-b", "521"),
            "rsa-3072", List.of("-t", "rsa", "-b", "3072"));

    @TempDir
    static Path work;

    private static Path keys;
    private static Path data;
    private static HubProcess hub;

    @BeforeAll
    static void startHubWithKeysFromSshKeygen() throws Exception {
        List<String> missing = Arrays.stream(new String[] {"ssh-keygen", "ssh-keyscan", "sftp"})
                .filter(tool -> !onPath(tool)).toList();
        if (!missing.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI must have openssh-client (.ci/run installs it); missing: " + missing);
            }
            assumeTrue(false, "install openssh-client to run this test; missing: " + missing);
        }
        keys = Files.createDirectories(work.resolve("sftp-keys"));
        Path own = Files.createDirectories(work.resolve("agency-keys"));

        // The Astana akimat's file: a comment, every accepted key type, one with options.
        List<String> astana = new ArrayList<>(List.of("# Astana akimat: integration servers", ""));
        for (Map.Entry<String, List<String>> type : KEY_TYPES.entrySet()) {
            String pub = keygen(own.resolve(type.getKey()), type.getValue());
            astana.add(type.getKey().equals("ecdsa-384") ? "restrict,command=\"internal-sftp\" " + pub : pub);
        }
        Files.write(keys.resolve("akimat-astana.pub"), astana, StandardCharsets.UTF_8);
        // A good key next to a line that is not a key: the whole file is refused, nothing else.
        Files.write(keys.resolve("akimat-almaty.pub"), List.of(keygen(own.resolve("almaty"), List.of("-t", "ed25519")),
                "ssh-ed25519 this-is-not-base64 broken@almaty"), StandardCharsets.UTF_8);
        // A weak key.
        Files.write(keys.resolve("akimat-shymkent.pub"), List.of("# old server",
                keygen(own.resolve("rsa-1024"), List.of("-t", "rsa", "-b", "1024"))), StandardCharsets.UTF_8);

        data = work.resolve("data");
        // Health is DOWN from the start (the broken files): wait for readiness, which sftp-keys is not part of.
        hub = new HubProcess(data, Map.of("hub.sftp.authorized-keys-dir", keys.toString()))
                .start("/observe/health/ready");
    }

    @AfterAll
    static void stopHub() throws Exception {
        HubProcess.closeAll(hub);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ed25519", "ecdsa-256", "ecdsa-384", "ecdsa-521", "rsa-3072"})
    void agencyKeyOfEveryTypeUploadsAReportAndReadsItsReceipt(String type) throws Exception {
        Path report = work.resolve("report-" + type + ".json");
        Files.writeString(report, Files.readString(QueueChannelIT.examples("valid").resolve("01-akimat-astana-2022.json"))
                .replace("6f1c2a9e-4b7d-4e2a-9c3f-1a2b3c4d5e6f", Reports.newId()));
        String name = report.getFileName().toString();

        Result put = sftp("akimat-astana", type, "put " + report + " /inbox/" + name);
        assertThat(put.exit()).as(put.output()).isZero();

        JsonNode receipt = awaitReceipt("akimat-astana", type, name);
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.path("channel").asText()).isEqualTo("sftp");
        assertThat(receipt.path("fileName").asText()).isEqualTo(name);
    }

    @Test
    void brokenAndWeakKeyFilesLeaveTheHubHealthyExceptTheSftpKeysCheck() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = health();
            List<JsonNode> down = StreamSupport.stream(health.path("checks").spliterator(), false)
                    .filter(c -> c.path("state").asText().equals("DOWN")).toList();
            assertThat(down).as(health.toString()).singleElement()
                    .satisfies(c -> assertThat(c.path("name").asText()).isEqualTo("sftp-keys"));
        });
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(503);
        assertThat(QueueChannelIT.status(hub, "/observe/health/ready")).isEqualTo(200);
        assertThat(QueueChannelIT.status(hub, "/observe/health/live")).isEqualTo(200);
        String message = checkMessage("sftp-keys");
        assertThat(message).contains("akimat-almaty.pub:2: ", "akimat-shymkent.pub:2: RSA key of 1024 bits is refused");
        assertThat(message).doesNotContain("akimat-astana.pub", "this-is-not-base64");
        assertThat(hub.log()).contains("akimat-almaty.pub:2: ",
                "akimat-shymkent.pub:2: RSA key of 1024 bits is refused as too weak");

        // The good key in the refused file does not log in either; the agencies with good files do.
        Result almaty = sftp("akimat-almaty", "almaty", "ls /inbox");
        assertThat(almaty.exit()).isNotZero();
        assertThat(almaty.output()).contains("Permission denied");
        assertThat(sftp("akimat-astana", "ed25519", "ls /inbox").exit()).isZero();
    }

    @Test
    void rsaKeyOf1024BitsIsRefused() throws Exception {
        Result login = sftp("akimat-shymkent", "rsa-1024", "ls /inbox");

        assertThat(login.exit()).isNotZero();
        assertThat(login.output()).contains("Permission denied");
    }

    @Test
    void keyAddedWhileTheHubRunsWorksWithoutRestart() throws Exception {
        Path own = work.resolve("agency-keys");
        String pub = keygen(own.resolve("mz-new"), List.of("-t", "ed25519"));
        assertThat(sftp("mz", "mz-new", "ls /inbox").exit()).isNotZero();

        Files.writeString(keys.resolve("mz.pub"), "# MZ, registered while the hub runs\n" + pub + "\n");

        Path report = QueueChannelIT.examples("valid").resolve("03-mz-2022.xml");
        Result put = sftp("mz", "mz-new", "put " + report + " /inbox/mz-report.xml");
        assertThat(put.exit()).as(put.output()).isZero();
        JsonNode receipt = awaitReceipt("mz", "mz-new", "mz-report.xml");
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("agency").asText()).isEqualTo("MZ");
    }

    @Test
    void newInstallOffersAnEd25519HostKeyPublishedInTheDataDir() throws Exception {
        Result scan = run(List.of("ssh-keyscan", "-t", "ed25519", "-p", Integer.toString(hub.sftpPort), "127.0.0.1"));
        String published = Files.readString(data.resolve("sftp-host-key.pub")).strip();

        assertThat(published).startsWith("ssh-ed25519 ");
        assertThat(scan.output()).contains("[127.0.0.1]:" + hub.sftpPort + " " + published.split(" ")[0] + " "
                + published.split(" ")[1]);
    }

    // --- OpenSSH as an agency's administrator runs it ---

    private record Result(int exit, String output) {
    }

    /** Makes a key pair with ssh-keygen (no passphrase) and returns the public key line. */
    private static String keygen(Path privateKey, List<String> type) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", "agency@" + privateKey.getFileName(),
                "-f", privateKey.toString()));
        cmd.addAll(type);
        Result result = run(cmd);
        assertThat(result.exit()).as(result.output()).isZero();
        return Files.readString(Path.of(privateKey + ".pub")).strip();
    }

    /** One sftp batch command as {@code login}, with the agency's key {@code keyName} only. */
    private static Result sftp(String login, String keyName, String command) throws Exception {
        Path batch = Files.createTempFile(work, "batch", ".txt");
        Files.writeString(batch, command + "\n");
        return run(List.of("sftp", "-b", batch.toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "PasswordAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no", "-o", "ConnectTimeout=20",
                "-i", work.resolve("agency-keys").resolve(keyName).toString(),
                "-P", Integer.toString(hub.sftpPort), login + "@127.0.0.1"));
    }

    private static JsonNode awaitReceipt(String login, String keyName, String fileName) throws Exception {
        Path receipt = work.resolve(login + "-" + keyName + "-" + fileName + ".receipt.json");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() ->
                sftp(login, keyName, "get /receipts/" + fileName + ".receipt.json " + receipt).exit() == 0
                        && Files.exists(receipt) && Files.size(receipt) > 0);
        return JSON.readTree(receipt.toFile());
    }

    private static Result run(List<String> cmd) throws Exception {
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + cmd);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(hub.url("/observe/health"))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String checkMessage(String name) throws Exception {
        for (JsonNode check : health().path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check.path("message").asText();
            }
        }
        return fail("no health check " + name);
    }
}
