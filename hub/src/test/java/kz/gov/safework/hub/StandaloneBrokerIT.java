package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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
    private static final String LOGIN = "akimat-astana";

    @TempDir
    static Path data;
    static StandaloneArtemis broker;
    static HubProcess hub;
    static AgencyClient astana;

    @BeforeAll
    static void start() throws Exception {
        broker = StandaloneArtemis.start();
        hub = new HubProcess(data, broker.hubSettings()).start();
        astana = new AgencyClient(broker.port, LOGIN, QueueChannelIT.password(LOGIN));
    }

    @AfterAll
    static void stop() throws Exception {
        HubProcess.closeAll(astana, hub, broker);
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
}
