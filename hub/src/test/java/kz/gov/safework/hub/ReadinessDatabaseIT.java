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
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Issue 11's outage: reports sent while the database is stopped for a minute (twice as long as the broker's
     * whole redelivery schedule, after which they used to be dead-lettered) wait, and each gets exactly one receipt
     * once it is back; the DLQ stays empty.
     */
    @Test
    void reportsSentWhileTheDatabaseIsStoppedForAMinuteEachGetOneReceiptAndNoneIsDeadLettered() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start();
             HubProcess hub = new HubProcess(data, Map.of("hub.db.url", postgres.url(),
                     "hub.db.user", PrivatePostgres.USER, "hub.db.password", "")).start("/observe/health/ready");
             AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                     QueueChannelIT.password("akimat-astana"))) {
            postgres.pause();
            FaultCount count = new FaultCount("postgres-stopped-60s", null);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String reportId = Reports.newId();
                String id = astana.sendText(Reports.akimatAstana(reportId), Map.of());
                ids.add(id);
                count.sent(id).expect(FaultCount.Kind.RECEIPTS, id).expect(FaultCount.Kind.JUDGED, reportId)
                        .expect(FaultCount.Kind.FEED, reportId);
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(check(get(hub, "/observe/health/ready").body(), "store-outage").path("state").asText())
                            .isEqualTo("DOWN"));
            // The outage itself: a minute with the database stopped, checked throughout: readiness stays DOWN and
            // nothing is dead-lettered at any moment of it.
            await().during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        assertThat(deadLetters(hub)).as("nothing dead-lettered during the outage").isEmpty();
                        assertThat(check(get(hub, "/observe/health/ready").body(), "store-outage").path("state")
                                .asText()).isEqualTo("DOWN");
                    });

            postgres.resume();
            for (String id : ids) {
                Message receipt = astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + id + "'", 120_000);
                if (receipt == null) {
                    String log = hub.log();
                    assertThat(receipt).as("receipt for " + id + " after the database came back; the hub's log ends with:\n"
                            + log.substring(Math.max(0, log.length() - 30_000))).isNotNull();
                }
                assertThat(JSON.readTree(AgencyClient.text(receipt)).path("status").asText()).isEqualTo("ACCEPTED");
                count.saw(FaultCount.Kind.RECEIPTS, id);
            }
            // A second receipt would come within the redelivery window: counted, not only refused.
            for (Message late = astana.receive("receipts.AKIMAT-ASTANA", null,
                    kz.gov.safework.testing.NothingMoreArrives.REDELIVERY_WINDOW.toMillis()); late != null;
                    late = astana.receive("receipts.AKIMAT-ASTANA", null, 1_000)) {
                count.saw(FaultCount.Kind.RECEIPTS, late.getJMSCorrelationID());
            }
            HubInvariants.feedPerReport(hub).forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
            FaultCount.judgedPer(java.sql.DriverManager.getConnection(postgres.url(), PrivatePostgres.USER, ""), "report_id")
                    .forEach((reportId, n) -> count.saw(FaultCount.Kind.JUDGED, reportId, n));
            count.note("dlq", deadLetters(hub).size()).printAndAssertExact();
            assertThat(deadLetters(hub)).isEmpty();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(hub, "/observe/health/ready").statusCode()).isEqualTo(200));
        }
    }

    private static JsonNode deadLetters(HubProcess hub) throws Exception {
        HttpResponse<String> list = hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/api/operator/dead-letters")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("operator:" + QueueChannelIT.password("operator")).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JSON.readTree(list.body());
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
