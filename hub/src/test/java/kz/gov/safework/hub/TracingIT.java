package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing against the packaged jar, switched on with {@code hub.tracing.otlp-endpoint} pointing at a stand-in OTLP
 * collector in this test: an agency sends a report over STOMP with its own {@code traceparent}; the receipt on
 * {@code receipts.<CODE>} continues that trace (its {@code traceparent} message property), the hub's log lines
 * about the document carry the trace id, and the spans reach the collector. A malformed traceparent is dropped:
 * the receipt is in a trace of the hub's own. An HTTP request with a {@code traceparent} continues the caller's
 * trace too (and the answer does not echo the header).
 */
class TracingIT {
    private static final String LOGIN = "akimat-astana";
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String AGENCY_SPAN = "b7ad6b7169203331";

    @TempDir
    Path data;

    private final CopyOnWriteArrayList<byte[]> exports = new CopyOnWriteArrayList<>();
    private HttpServer collector;
    private HubProcess hub;

    @BeforeEach
    void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exports.add(exchange.getRequestBody().readAllBytes());
            // An empty ExportTraceServiceResponse: everything accepted.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        hub = new HubProcess(data, Map.of("hub.tracing.otlp-endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces")).start();
    }

    @AfterEach
    void stop(TestInfo test) throws Exception {
        try {
            hub.stop();
            Files.copy(data.resolve("hub.log"), Path.of("target", "TracingIT-" + test.getTestMethod().orElseThrow().getName()
                    + "-hub.log"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void theReceiptAndTheLogCarryTheTraceTheAgencyStarted() throws Exception {
        StompClient.Frame receipt = sendAndReadReceipt("00-" + TRACE + "-" + AGENCY_SPAN + "-01");

        String traceparent = receipt.header("traceparent");
        assertThat(traceparent).matches("00-" + TRACE + "-[0-9a-f]{16}-01").doesNotContain(AGENCY_SPAN);
        await("the pipeline's log line with the trace id").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(hub.log().lines()
                        .filter(line -> line.contains("Pipeline") && line.contains(" trace=" + TRACE)))
                        .anySatisfy(line -> assertThat(line).contains("submission=").contains("agency=AKIMAT-ASTANA")
                                .contains(": ACCEPTED")));
        awaitExported(TRACE);
    }

    @Test
    void anHttpRequestContinuesTheCallersTrace() throws Exception {
        String trace = "5b8aa5a2d2c872e8321cf37308d69df2";
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.url("/api/submissions/" + java.util.UUID.randomUUID())))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (LOGIN + ":" + QueueChannelIT.password(LOGIN)).getBytes(StandardCharsets.UTF_8)))
                .header("traceparent", "00-" + trace + "-" + AGENCY_SPAN + "-01").build();

        // The receipt API's own answer (a REST route may still be registering just after health says UP).
        HttpResponse<String> answer = await("the receipt API's answer").atMost(Duration.ofSeconds(30))
                .until(() -> hub.http().send(request, HttpResponse.BodyHandlers.ofString()),
                        response -> response.body().contains("No such submission"));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("traceparent")).isEmpty();
        awaitExported(trace);
    }

    private void awaitExported(String trace) {
        byte[] traceId = HexFormat.of().parseHex(trace);
        try {
            await("spans of the trace at the collector").atMost(Duration.ofSeconds(30))
                    .until(() -> exports.stream().anyMatch(body -> contains(body, traceId)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no span of " + trace + " in " + exports.size() + " exports: "
                    + exports.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "."))
                            .toList(), e);
        }
    }

    @Test
    void aMalformedTraceparentIsDroppedAndTheHubStartsItsOwnTrace() throws Exception {
        String upperCase = ("00-" + TRACE + "-" + AGENCY_SPAN + "-01").toUpperCase(java.util.Locale.ROOT);

        StompClient.Frame receipt = sendAndReadReceipt(upperCase);

        String traceparent = receipt.header("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(traceparent.substring(3, 35)).isNotEqualToIgnoringCase(TRACE);
        await("the pipeline's log line with the hub's own trace id").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(hub.log()).contains(" trace=" + traceparent.substring(3, 35)));
        assertThat(hub.log()).doesNotContainIgnoringCase(TRACE);
    }

    private StompClient.Frame sendAndReadReceipt(String traceparent) throws Exception {
        try (StompClient stomp = new StompClient(hub.brokerPort, LOGIN, QueueChannelIT.password(LOGIN))) {
            stomp.subscribe(RECEIPTS, "receipts");
            String reportId = Reports.newId();
            String correlation = "c-" + reportId;
            stomp.send("reports.in", Map.of("correlation-id", correlation, "persistent", "true",
                    "content-type", "application/json", "traceparent", traceparent),
                    Reports.akimatAstana(reportId).getBytes(StandardCharsets.UTF_8), correlation);
            for (StompClient.Frame frame = stomp.read(30_000); ; frame = stomp.read(30_000)) {
                assertThat(frame).as("the receipt of %s", correlation).isNotNull();
                if ("MESSAGE".equals(frame.command())) {
                    stomp.ack(frame);
                    stomp.flush();
                    assertThat(frame.header("correlation-id")).isEqualTo(correlation);
                    assertThat(frame.text()).contains("\"status\":\"ACCEPTED\"");
                    return frame;
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
