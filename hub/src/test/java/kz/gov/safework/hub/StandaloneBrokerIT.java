package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.testing.RequiredService;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.amqp.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on a standalone Artemis that deploy/artemis.sh downloads from Maven Central and sets up with
 * config/broker/broker.xml and the plugin jar: a report gets its receipt with the agency of the login the broker
 * authenticated, and a {@code swBrokerUser} the sender forged (naming MZ) changes nothing. Without the download
 * (no network) the test is skipped on a developer machine and fails in CI.
 */
class StandaloneBrokerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "deploy/artemis.sh";
    private static final String LOGIN = "akimat-astana";
    private static final Path REPO = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().getParent();
    private static final Path WORK = REPO.resolve("hub").resolve("target").resolve("artemis-it");

    @TempDir
    static Path data;
    static HubProcess hub;
    static AgencyClient astana;
    static Map<String, String> environment;

    @BeforeAll
    static void start() throws Exception {
        int port = HubProcess.freePort();
        String hubPassword = UUID.randomUUID().toString();
        environment = Map.of("ARTEMIS_WORK", WORK.toString(), "ARTEMIS_PORT", Integer.toString(port),
                "ARTEMIS_HUB_PASSWORD", hubPassword);
        // A fresh instance each run; the downloaded distribution is kept.
        run("stop");
        deleteInstance();
        int exit = run("start");
        if (exit != 0) {
            RequiredService.unavailable("the standalone Artemis did not start (exit " + exit + ", see "
                    + WORK.resolve("script.log") + ")", SCRIPT);
        }
        hub = new HubProcess(data, Map.of("hub.broker.url", "tcp://127.0.0.1:" + port,
                "hub.broker.user", "hub", "hub.broker.password", hubPassword)).start();
        astana = new AgencyClient(port, LOGIN, QueueChannelIT.password(LOGIN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (astana != null) {
            astana.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (environment != null) {
            run("stop");
        }
    }

    @Test
    void aReportWithAForgedStampIsAcceptedAsTheAuthenticatedAgencys() throws Exception {
        String reportId = Reports.newId();
        TextMessage message = astana.session().createTextMessage(Reports.akimatAstana(reportId));
        AmqpJmsMessageFacade facade = (AmqpJmsMessageFacade) ((JmsMessage) message).getFacade();
        facade.setApplicationProperty("swBrokerUser", new Binary("mz".getBytes(StandardCharsets.UTF_8)));
        String messageId = astana.send(message, Map.of());

        Message m = astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + messageId + "'", 60_000);
        assertThat(m).as("receipt from the hub on the standalone broker").isNotNull();
        JsonNode receipt = JSON.readTree(AgencyClient.text(m));
        assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
    }

    private static int run(String command) throws Exception {
        Files.createDirectories(WORK);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", REPO.resolve(SCRIPT).toString(), command))
                .directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("script.log").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static void deleteInstance() throws Exception {
        Path instance = WORK.resolve("instance");
        if (Files.exists(instance)) {
            try (var paths = Files.walk(instance)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
