package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kz.gov.safework.contract.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the packaged hub right after MTSZN approves a consolidated report, while its package may be
 * on its way to {@code government.outbox}; after a restart the Government has exactly the seven parts, each once,
 * and the consolidation shows every part SENT.
 */
class ApprovalCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN_YEAR = "/api/plans/safe-labor-2021-2025/years/2022";
    private static final java.util.Set<String> PARTS = java.util.Set.of("xml", "json", "pdf", "manifest", "manifest-sha256",
            "json-signature", "manifest-signature");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedRightAfterAnApprovalTheGovernmentGetsEveryPartExactlyOnce() throws Exception {
        HubProcess hub = new HubProcess(data, Map.of()).start();
        FaultCount count = new FaultCount("kill-after-approval", null);
        try {
            try (AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                    QueueChannelIT.password("akimat-astana"))) {
                String sent = astana.sendBytes(Files.readAllBytes(
                        QueueChannelIT.examples("valid").resolve("01-akimat-astana-2022.json")), Map.of());
                Message receipt = astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + sent + "'", 60_000);
                JsonNode answer = JSON.readTree(AgencyClient.text(receipt));
                assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
                String reportId = answer.path("reportId").asText();
                count.sent(sent).expect(FaultCount.Kind.RECEIPTS, sent).saw(FaultCount.Kind.RECEIPTS, sent)
                        .expect(FaultCount.Kind.JUDGED, reportId).expect(FaultCount.Kind.FEED, reportId);
                PARTS.forEach(part -> count.expect(FaultCount.Kind.OUTBOX, part));
            }
            HttpResponse<String> draft = http.send(QueueChannelIT.authorized(hub, "POST", PLAN_YEAR + "/consolidations", "mtszn"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(draft.statusCode()).as(draft.body()).isIn(200, 201);
            String id = JSON.readTree(draft.body()).path("id").asText();

            CompletableFuture<HttpResponse<String>> approving = http.sendAsync(
                    QueueChannelIT.authorized(hub, "POST", PLAN_YEAR + "/consolidations/" + id + "/approve", "mtszn"),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                    .until(() -> approving.isDone() || "APPROVED".equals(status(hub, id)));
            hub.kill();
            System.out.printf("ApprovalCrashIT: kill -9 %s the approval's answer%n", approving.isDone() ? "after" : "before");

            hub.start();
            await("every part of the package sent").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        JsonNode delivery = delivery(hub, id);
                        assertThat(delivery.size()).as("parts in the delivery state %s", delivery).isEqualTo(PARTS.size());
                        assertThat(delivery.findValuesAsText("state")).as("%s", delivery).allMatch("SENT"::equals);
                    });
            Map<String, Integer> received = new HashMap<>();
            try (AgencyClient government = new AgencyClient(hub.brokerPort, "government",
                    QueueChannelIT.password("government"));
                 var consumer = government.session().createConsumer(government.session().createQueue("government.outbox"))) {
                for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(5_000)) {
                    assertThat(m.getStringProperty("swConsolidationId")).isEqualTo(id);
                    assertThat(Sha256.hex(AgencyClient.bytes(m))).isEqualTo(m.getStringProperty("swSha256"));
                    received.merge(m.getStringProperty("swPart"), 1, Integer::sum);
                }
            }
            received.forEach((part, n) -> count.saw(FaultCount.Kind.OUTBOX, part, n));
            HubInvariants.feedPerReport(hub).forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
            count.note("dlq", HubInvariants.deadLetterCount(hub));
            hub.stop();
            FaultCount.judgedPer(FaultCount.h2(data), "report_id")
                    .forEach((reportId, n) -> count.saw(FaultCount.Kind.JUDGED, reportId, n));
            count.printAndAssertExact();
            assertThat(received.keySet()).isEqualTo(PARTS);
        } catch (Throwable e) {
            count.failed(data, "ApprovalCrashIT");
            throw e;
        } finally {
            hub.stop();
        }
    }

    private String status(HubProcess hub, String id) throws Exception {
        HttpResponse<String> list = http.send(QueueChannelIT.authorized(hub, "GET", PLAN_YEAR + "/consolidations", "operator"),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode c : JSON.readTree(list.body())) {
            if (id.equals(c.path("id").asText())) {
                return c.path("status").asText();
            }
        }
        return null;
    }

    /** The consolidation's delivery state, one entry per part (empty while the hub does not answer 200). */
    private JsonNode delivery(HubProcess hub, String id) throws Exception {
        HttpResponse<String> one = http.send(QueueChannelIT.authorized(hub, "GET", PLAN_YEAR + "/consolidations/" + id, "operator"),
                HttpResponse.BodyHandlers.ofString());
        return one.statusCode() == 200 ? JSON.readTree(one.body()).path("delivery") : JSON.createArrayNode();
    }
}
