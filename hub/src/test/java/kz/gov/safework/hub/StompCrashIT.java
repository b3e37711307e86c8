package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's reproduction, against the packaged jar: 400 distinct reports over STOMP, every send
 * confirmed by the broker (a STOMP {@code receipt}), {@code kill -9} in the middle of sending, restart,
 * a second {@code kill -9} while the backlog drains, restart. Every confirmed report must end with
 * exactly one receipt on {@code receipts.<CODE>}, one feed message and one stored judgement.
 * Before each kill the broker is asked (operator API, live queue depths) whether reports were still
 * unanswered; if not, the kill proved nothing and the test fails as inconclusive.
 * Receipts are read only at the end, so no receipt can be lost by the test's own consumer.
 */
class StompCrashIT {
    private static final int PER_PHASE = 200;
    private static final String AGENCY = "AKIMAT-ASTANA";
    private static final String RECEIPTS = "receipts." + AGENCY;
    /** Queues holding work the hub has taken but not yet answered. */
    private static final List<String> IN_FLIGHT = List.of("reports.in", "hub.intake", "hub.receipts.jms");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyConfirmedStompReportGetsExactlyOneReceiptThroughTwoKills() throws Exception {
        HubProcess hub = new HubProcess(data, Map.of("hub.observe.queues",
                String.join(",", IN_FLIGHT) + "," + RECEIPTS + ",mtszn.feed,DLQ")).start();
        Map<String, String> reportByCorrelation = new LinkedHashMap<>();
        try {
            sendConfirmed(hub, reportByCorrelation, PER_PHASE);
            killWhileUnanswered(hub, "in the middle of sending");
            hub.start();
            sendConfirmed(hub, reportByCorrelation, PER_PHASE);
            killWhileUnanswered(hub, "while the backlog drains");
            hub.start();

            await("the hub has answered everything it holds").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500)).during(Duration.ofSeconds(3)).ignoreExceptions()
                    .until(() -> inFlight(hub) == 0);
            Map<String, Integer> receipts = readReceipts(hub);
            Map<String, Integer> feed = HubInvariants.feedPerReport(hub);
            long deadLetters = depths(hub).get("DLQ");
            hub.stop();

            FaultCount count = new FaultCount("stomp-two-kills", null);
            reportByCorrelation.forEach((correlation, reportId) -> count.sent(correlation)
                    .expect(FaultCount.Kind.RECEIPTS, correlation).expect(FaultCount.Kind.FEED, reportId)
                    .expect(FaultCount.Kind.JUDGED, reportId));
            receipts.forEach((correlation, n) -> count.saw(FaultCount.Kind.RECEIPTS, correlation, n));
            feed.forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
            FaultCount.judgedPer(FaultCount.h2(data), "report_id")
                    .forEach((reportId, n) -> count.saw(FaultCount.Kind.JUDGED, reportId, n));
            count.note("dlq", deadLetters).printAndAssertExact();
            assertThat(deadLetters).isZero();
        } catch (Throwable e) {
            java.nio.file.Files.copy(data.resolve("hub.log"), Path.of("target", "StompCrashIT-hub.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            throw e;
        } finally {
            hub.stop();
        }
    }

    /** Sends {@code count} new reports, pipelined, and waits until the broker has confirmed every one. */
    private static void sendConfirmed(HubProcess hub, Map<String, String> reportByCorrelation, int count)
            throws Exception {
        try (StompClient stomp = new StompClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            Map<String, String> pending = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String reportId = Reports.newId();
                String correlation = "c-" + reportId;
                stomp.send("reports.in", Map.of("correlation-id", correlation, "persistent", "true",
                                "content-type", "application/json"),
                        Reports.akimatAstana(reportId).getBytes(StandardCharsets.UTF_8), correlation);
                pending.put(correlation, reportId);
            }
            stomp.flush();
            while (!pending.isEmpty()) {
                StompClient.Frame frame = stomp.read(30_000);
                assertThat(frame).as("broker confirmation of %d sends", pending.size()).isNotNull();
                String confirmed = frame.header("receipt-id");
                if ("RECEIPT".equals(frame.command()) && pending.containsKey(confirmed)) {
                    reportByCorrelation.put(confirmed, pending.remove(confirmed));
                }
            }
        }
    }

    /** kill -9, but only after the broker has shown that the hub still holds unanswered reports. */
    private void killWhileUnanswered(HubProcess hub, String when) throws Exception {
        long unanswered = await("live queue depths from the broker").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> inFlight(hub), n -> true);
        if (unanswered < 10) {
            fail("Inconclusive: only %d reports were unanswered %s; the kill would prove nothing", unanswered, when);
        }
        hub.kill();
        System.out.printf("StompCrashIT: kill -9 %s with %d reports unanswered (%s)%n", when, unanswered,
                java.time.Instant.now());
    }

    private long inFlight(HubProcess hub) throws Exception {
        Map<String, Long> depths = depths(hub);
        return IN_FLIGHT.stream().mapToLong(depths::get).sum();
    }

    /** Live queue depths from the broker, through the operator API. */
    private Map<String, Long> depths(HubProcess hub) throws Exception {
        String auth = Base64.getEncoder().encodeToString(
                ("operator:" + QueueChannelIT.password("operator")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/operator/queues")))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) { // the REST routes may start a moment after health says UP
            throw new IllegalStateException("Queue depths unavailable: " + response.statusCode());
        }
        Map<String, Long> depths = new HashMap<>();
        for (JsonNode reading : JSON.readTree(response.body())) {
            if (!reading.path("error").isNull() && !reading.path("error").isMissingNode()) {
                throw new IllegalStateException("Queue reading failed: " + reading);
            }
            depths.put(reading.path("queue").asText(), reading.path("messages").asLong());
        }
        return depths;
    }

    /** Every receipt on the agency's queue, counted per correlation id (acknowledged one by one). */
    private static Map<String, Integer> readReceipts(HubProcess hub) throws Exception {
        Map<String, Integer> receipts = new HashMap<>();
        try (StompClient stomp = new StompClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"))) {
            stomp.subscribe(RECEIPTS, "receipts");
            for (StompClient.Frame m = stomp.read(3_000); m != null; m = stomp.read(3_000)) {
                assertThat(JSON.readTree(m.body()).path("status").asText()).isEqualTo("ACCEPTED");
                receipts.merge(m.header("correlation-id"), 1, Integer::sum);
                stomp.ack(m);
            }
        }
        return receipts;
    }
}
