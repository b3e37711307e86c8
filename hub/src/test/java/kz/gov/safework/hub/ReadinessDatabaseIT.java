package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness follows the database: the packaged hub on a PostgreSQL of the test's own turns
 * {@code /observe/health/ready} DOWN (naming the database) when that server stops, stays alive (liveness UP: no
 * restart wanted), and turns ready again when the server is back, without a restart; then a report is judged.
 */
class ReadinessDatabaseIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void readinessGoesDownWhileTheDatabaseIsDownAndUpWhenItReturns() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start();
             HubProcess hub = new HubProcess(data, Map.of("hub.db.url", postgres.url(),
                     "hub.db.user", PrivatePostgres.USER, "hub.db.password", "")).start("/observe/health/ready")) {
            assertThat(get(hub, "/observe/health/ready").statusCode()).isEqualTo(200);

            postgres.pause();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> ready = get(hub, "/observe/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                assertThat(check(ready.body(), "database").path("state").asText()).as(ready.body()).isEqualTo("DOWN");
            });
            HttpResponse<String> live = get(hub, "/observe/health/live");
            assertThat(live.statusCode()).as("liveness does not ask for a restart: " + live.body()).isEqualTo(200);

            postgres.resume();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> ready = get(hub, "/observe/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            });
            assertThat(hub.alive()).as("the same hub process throughout").isTrue();

            try (AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                    QueueChannelIT.password("akimat-astana"))) {
                String id = astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of());
                Message receipt = astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + id + "'", 60_000);
                assertThat(receipt).as("a receipt after the database came back").isNotNull();
                assertThat(JSON.readTree(AgencyClient.text(receipt)).path("status").asText()).isEqualTo("ACCEPTED");
            }
        }
    }

    private static HttpResponse<String> get(HubProcess hub, String path) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(String body, String name) throws Exception {
        for (JsonNode check : JSON.readTree(body).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        return JSON.missingNode();
    }
}
