package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production mode, hashed credentials written by {@code credentials set}, and the lockout after wrong
 * passwords, against the packaged jar with real clients (HTTP, AMQP, curl's SFTP).
 */
class SecurityIT {
    private static final String MZ_PASSWORD = "mz-rotated-" + System.nanoTime();
    private static final String ASTANA_PASSWORD = "astana-rotated-" + System.nanoTime();

    @TempDir
    static Path work;
    static Path credentialsFile;
    static HubProcess hub;

    @BeforeAll
    static void startWithHashedCredentials() throws Exception {
        credentialsFile = work.resolve("credentials.properties");
        assertThat(setCredential("mz", MZ_PASSWORD).exitCode()).isZero();
        assertThat(setCredential("akimat-astana", "first-password-of-astana").exitCode()).isZero();
        CommandRun rotated = setCredential("akimat-astana", ASTANA_PASSWORD);
        assertThat(rotated.exitCode()).isZero();
        assertThat(rotated.output()).contains("rotated").doesNotContain(ASTANA_PASSWORD);
        assertThat(Files.readString(credentialsFile)).contains("mz=pbkdf2-sha256$")
                .doesNotContain(MZ_PASSWORD).doesNotContain(ASTANA_PASSWORD);
        hub = new HubProcess(work.resolve("data"), Map.of("hub.credentials-file", credentialsFile.toString(),
                "hub.auth.max-failures", "10", "hub.auth.lockout", "PT10M")).start();
        // Routes start under the supervising controller after health turns UP: wait for the API's challenge.
        await().atMost(Duration.ofMinutes(2)).until(() -> get("/api/submissions/x", null, null).statusCode() == 401);
    }

    @AfterAll
    static void stop() throws Exception {
        HubProcess.closeAll(hub);
    }

    record CommandRun(int exitCode, String output) {
    }

    /** {@code java -jar safework-hub.jar credentials set <login>} with the password on stdin, as an operator runs it. */
    static CommandRun setCredential(String login, String password) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhub.config-dir=" + System.getProperty("hub.config-dir"),
                "-Dhub.credentials-file=" + credentialsFile,
                "-jar", System.getProperty("hub.jar"), "credentials", "set", login)
                .redirectErrorStream(true).start();
        process.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CommandRun(process.waitFor(), output);
    }

    static HttpResponse<String> get(String path, String login, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void productionRefusesToStartWithTheDemoCredentialsAndSaysWhatToChange() throws Exception {
        HubProcess production = new HubProcess(work.resolve("production"), Map.of());
        int exit = production.runUntilExit(Map.of("HUB_PRODUCTION", "true"), Duration.ofSeconds(120));
        assertThat(exit).isNotZero();
        assertThat(production.log())
                .contains("Hub refused to start: hub.production=true, but the configuration is not fit for production")
                .contains("hub.demo=true: the demo's passwords are published")
                .contains("hub.credentials-file is empty")
                .contains("credentials set <login>")
                .contains("hub.mail.embedded=true")
                .doesNotContain("Embedded Artemis broker listening");
    }

    @Test
    void aPasswordSetOnTheCommandLineOpensHttpAndTheBroker() throws Exception {
        assertThat(get("/api/submissions/no-such-submission", "mz", MZ_PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/submissions/no-such-submission", "mz", "mz-demo-2025").statusCode()).isEqualTo(401);

        try (AgencyClient mz = new AgencyClient(hub.brokerPort, "mz", MZ_PASSWORD)) {
            String id = mz.sendText("{}", Map.of());
            Message receipt = mz.receive("receipts.MZ", "JMSCorrelationID='" + id + "'", 60_000);
            assertThat(receipt).as("receipt for the report sent with the new password").isNotNull();
            assertThat(AgencyClient.text(receipt)).contains("REJECTED");
        }
        assertThatThrownBy(() -> new AgencyClient(hub.brokerPort, "mz", "mz-demo-2025").close())
                .isInstanceOf(JMSException.class);
    }

    @Test
    void fiftyWrongPasswordsLockTheLoginOnEveryChannel() throws Exception {
        String login = "akimat-astana";
        assertThat(sftpList(login, ASTANA_PASSWORD)).as("SFTP works before the lockout").isZero();
        int refused = 0;
        int tooMany = 0;
        for (int i = 0; i < 50; i++) {
            int status = get("/api/submissions/x", login, "wrong-" + i).statusCode();
            refused += status == 401 ? 1 : 0;
            tooMany += status == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(10);
        assertThat(tooMany).isEqualTo(40);

        HttpResponse<String> right = get("/api/submissions/x", login, ASTANA_PASSWORD);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 600L));
        assertThat(right.body()).doesNotContain(ASTANA_PASSWORD);

        assertThatThrownBy(() -> new AgencyClient(hub.brokerPort, login, ASTANA_PASSWORD).close())
                .as("AMQP connect while locked").isInstanceOf(JMSException.class);
        assertThat(sftpList(login, ASTANA_PASSWORD)).as("SFTP while locked").isNotZero();

        // Another login is not affected.
        assertThat(get("/api/submissions/x", "mz", MZ_PASSWORD).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/observe/metrics", null, null).body())
                .contains("hub_auth_lockouts_total{channel=\"http\"} 1"));
        assertThat(hub.log()).contains("Login 'akimat-astana' locked until");
    }

    /** curl lists the drop box's inbox; 0 when the login was accepted. */
    private static int sftpList(String login, String password) throws Exception {
        Process curl = new ProcessBuilder(List.of("curl", "-sS", "-k", "--max-time", "60", "-u", login + ":" + password,
                "sftp://127.0.0.1:" + hub.sftpPort + "/inbox/")).redirectErrorStream(true).start();
        curl.getInputStream().readAllBytes();
        return curl.waitFor();
    }
}
