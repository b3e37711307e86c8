package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agency kit's senders in {@code examples/clients/}, each run as the README says (from the checkout, as a real
 * process) against the packaged hub: a fresh valid report prints an ACCEPTED receipt for that very report, a
 * document naming another agency prints a REJECTED one with its code, both with exit 0; a wrong password ends
 * non-zero with a message and no receipt, and the password is never printed.
 */
@ExtendWith(SharedHub.class)
class ClientExamplesIT {
    private static final Path ROOT = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().normalize().getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "akimat-astana";
    private static final String CI_PACKAGES = ".ci/run (apt-get install python3-qpid-proton curl)";

    @TempDir
    static Path data;
    @SharedHub.Hub
    static HubProcess hub;

    /** A sender of the kit: its command line for a document, and what it needs installed. */
    record Client(String name, BiFunction<Path, List<String>, List<String>> command, Map<String, String> env) {
        List<String> command(Path document, String login) {
            return command.apply(document, List.of("--host", "127.0.0.1", "--login", login));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Client> clients() {
        return Stream.of(
                new Client("python-amqp", (doc, common) -> concat(
                        List.of("/usr/bin/python3", "examples/clients/amqp_send.py", "--port", String.valueOf(hub.brokerPort)),
                        common, doc), Map.of()),
                new Client("java-jms", (doc, common) -> concat(
                        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                                Path.of(System.getProperty("hub.jar")).resolveSibling("lib") + File.separator + "*",
                                "examples/clients/QueueClient.java", "--port", String.valueOf(hub.brokerPort)),
                        common, doc), Map.of()),
                // The host key checked, as outside a demo: the fingerprint of the one this hub made.
                new Client("sftp", (doc, common) -> concat(
                        List.of("bash", "examples/clients/sftp_send.sh", "--port", String.valueOf(hub.sftpPort)),
                        common, doc), Map.of("HUB_SFTP_HOST_KEY_SHA256", hostKeySha256())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void printsTheAcceptedReceiptOfAFreshReport(Client client) throws Exception {
        required(client);
        String reportId = Reports.newId();
        Path document = write(client + "-" + reportId + ".json", Reports.akimatAstana(reportId));

        // No AGENCY_PASSWORD: the client takes the login's demo password from the checkout's config.
        Run run = run(client, document, LOGIN, Map.of());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode receipt = JSON.readTree(run.stdout());
        assertThat(receipt.path("status").asText()).as(run.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.path("sha256").asText()).as("the document's bytes as they are")
                .isEqualTo(Sha256.hex(Files.readAllBytes(document)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void printsTheRejectedReceiptOfADocumentNamingAnotherAgency(Client client) throws Exception {
        required(client);
        String reportId = Reports.newId();
        Path document = write(client + "-" + reportId + ".json", Reports.json(reportId, "MZ", 2023, "10", null));

        Run run = run(client, document, LOGIN, Map.of("AGENCY_PASSWORD", QueueChannelIT.password(LOGIN)));

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode receipt = JSON.readTree(run.stdout());
        assertThat(receipt.path("status").asText()).as(run.toString()).isEqualTo("REJECTED");
        assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
        List<String> codes = new ArrayList<>();
        receipt.path("errors").forEach(e -> codes.add(e.path("code").asText()));
        assertThat(codes).contains("AGENCY_MISMATCH");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void endsNonZeroWithoutAReceiptOnAWrongPasswordAndNeverPrintsIt(Client client) throws Exception {
        required(client);
        // Another login than the other tests': its failed logins count towards a lockout (hub.auth.max-failures).
        String login = "mz";
        String wrong = "not-" + QueueChannelIT.password(login);
        Path document = write(client + "-wrong-password.json", Reports.json(Reports.newId(), "MZ", 2023, "10", null));

        Run run = run(client, document, login, Map.of("AGENCY_PASSWORD", wrong));

        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.stdout()).as(run.toString()).doesNotContain("submissionId");
        assertThat(run.stderr()).as("says why").isNotBlank();
        assertThat(run.stdout() + run.stderr()).doesNotContain(wrong);
    }

    private static void required(Client client) throws Exception {
        switch (client.name()) {
            case "python-amqp" -> {
                RequiredService.executables(CI_PACKAGES, Path.of("/usr/bin/python3"));
                Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import proton").start();
                assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
                if (probe.exitValue() != 0) {
                    RequiredService.unavailable("python3-qpid-proton is not installed", CI_PACKAGES);
                }
            }
            case "sftp" -> RequiredService.executables(CI_PACKAGES, Path.of("/usr/bin/curl"));
            default -> {
                // the JDK that runs the tests, and the hub's lib/ that the build made
            }
        }
    }

    record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** The client as a user runs it: from the checkout, with none of the kit's variables but {@code env}. */
    private static Run run(Client client, Path document, String login, Map<String, String> env) throws Exception {
        Path stderr = Files.createTempFile(data, "client-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(client.command(document, login)).directory(ROOT.toFile())
                .redirectError(stderr.toFile());
        Stream.of("HUB_HOST", "HUB_BROKER_PORT", "HUB_SFTP_PORT", "HUB_SFTP_HOST_KEY_SHA256", "AGENCY_LOGIN",
                "AGENCY_PASSWORD", "RECEIPT_WAIT_SECONDS").forEach(builder.environment()::remove);
        builder.environment().putAll(client.env());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(client + " ends").isTrue();
        return new Run(process.exitValue(), out, Files.readString(stderr));
    }

    private static Path write(String name, String document) throws Exception {
        return Files.writeString(data.resolve(name), document);
    }

    /** The SHA-256 fingerprint of the hub's SFTP host key, as {@code ssh-keygen -lf} prints it after "SHA256:". */
    private static String hostKeySha256() {
        try {
            String line = Files.readString(hub.dataDir().resolve("sftp-host-key.pub")).strip();
            byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
            return Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (Exception e) {
            throw new IllegalStateException("the hub's SFTP host key", e);
        }
    }

    private static List<String> concat(List<String> head, List<String> common, Path document) {
        List<String> all = new ArrayList<>(head);
        all.addAll(common);
        all.add(document.toString());
        return all;
    }
}
