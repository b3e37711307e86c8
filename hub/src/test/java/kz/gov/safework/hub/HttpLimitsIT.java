package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged hub's HTTP server (heap 256 MiB) against a 2 GiB request body streamed by curl and 200 clients that
 * send their headers a byte at a time: the body is refused with 413 without being buffered, health keeps answering.
 * A stalled connection is closed after the idle time-out, an oversized request head gets 431, and one login cannot
 * hold more than its share of requests in flight.
 */
class HttpLimitsIT {
    @TempDir
    static Path data;

    private static final int IDLE_SECONDS = 10;
    private static final int MAX_REQUESTS_PER_LOGIN = 8; // config/application.properties

    private static HubProcess hub;

    @BeforeAll
    static void start() throws IOException {
        hub = new HubProcess(data, Map.of("hub.http.idle-timeout-seconds", String.valueOf(IDLE_SECONDS))).start();
        // The /api body limit is put on the HTTP router when the hub has started, a moment after health first says
        // UP (issue 18: readiness before every HTTP handler is in place); until then camel.server.max-body-size
        // alone bounds a body. Wait for the limit itself, with a body over it.
        String overLimit = "{\"reason\": \"" + "x".repeat(100 * 1024) + "\"}";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                .until(() -> post("/api/operator/dead-letters/none/discard", overLimit).statusCode() == 413);
    }

    @AfterAll
    static void stop() throws Exception {
        HubProcess.closeAll(hub);
    }

    @Test
    void twoGibibyteBodyStreamedByCurlIsRefusedWith413() throws Exception {
        // With its length declared (curl streams stdin; "Transfer-Encoding:" keeps it from also saying chunked,
        // which an HTTP server must refuse as ambiguous), and chunked without a length.
        for (String framing : new String[] {"-H 'Content-Length: 2147483648' -H 'Transfer-Encoding:'", ""}) {
            ProcessBuilder streamed = new ProcessBuilder("bash", "-c",
                    "head -c 2G /dev/zero | curl -sS -o /dev/null -w '%{http_code}' -u \"$SW_USER\" -X POST -T -"
                            + " -H 'Content-Type: application/json' " + framing + " \"$SW_URL\"");
            streamed.environment().put("SW_USER", "operator:" + QueueChannelIT.password("operator"));
            streamed.environment().put("SW_URL", hub.url("/api/operator/dead-letters/none/discard"));
            Process post = streamed.start();
            assertThat(post.waitFor(5, TimeUnit.MINUTES)).as("refused before the 2 GiB are sent").isTrue();
            String status = new String(post.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(status).as(framing.isEmpty() ? "chunked" : framing).isEqualTo("413");
        }

        assertHealthy();
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void apiBodiesHaveTheirOwnLowerLimit() throws Exception {
        String discard = "/api/operator/dead-letters/none/discard";
        String overApiLimit = "{\"reason\": \"" + "x".repeat(100 * 1024) + "\"}";
        assertThat(post(discard, overApiLimit).statusCode()).as("100 KiB to /api/").isEqualTo(413);
        String underApiLimit = "{\"reason\": \"" + "x".repeat(60 * 1024) + "\"}";
        assertThat(post(discard, underApiLimit).statusCode()).as("60 KiB to /api/ passes the limit").isNotEqualTo(413);
    }

    /**
     * Health answers and is UP. Awaited: on a loaded machine the polling consumers report "not yet polled" for a
     * while after the start, which is not what these tests are about.
     */
    private static void assertHealthy() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofSeconds(1)).untilAsserted(() -> {
                    java.net.http.HttpResponse<String> health = QueueChannelIT.request(hub, "/observe/health", null);
                    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                });
    }

    private static java.net.http.HttpResponse<String> post(String path, String body) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url(path)))
                .header("Authorization", QueueChannelIT.basic("operator"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return hub.http().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoHundredSlowClientsDoNotStopHealthFromAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket("127.0.0.1", hub.httpPort);
                OutputStream out = socket.getOutputStream();
                // The start of a request, never finished: each client holds a connection and a partial header.
                for (byte b : "GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                }
                slow.add(socket);
            }
            assertHealthy();
                    } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertHealthy();
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void aConnectionStalledInItsHeadersIsClosedByTheHubAfterTheIdleTimeOut() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.httpPort)) {
            socket.getOutputStream().write("GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Far longer than the time-out: a read that times out here means the hub kept the connection.
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(IDLE_SECONDS * 6L));
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("the hub closed the stalled connection").isEqualTo(-1);
        }
        assertHealthy();
    }

    @Test
    void aRequestHeadOverTheLimitIsRefusedWith431() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.httpPort)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "x".repeat(16 * 1024) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 431");
        }
        assertHealthy();
    }

    @Test
    void oneLoginCannotHoldMoreThanItsShareOfRequestsInFlight() throws Exception {
        String discard = "/api/operator/dead-letters/none/discard";
        String operator = QueueChannelIT.basic("operator");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_REQUESTS_PER_LOGIN; i++) {
                Socket socket = new Socket("127.0.0.1", hub.httpPort);
                // Headers complete, body promised and never finished: each request stays in flight.
                socket.getOutputStream().write(("POST " + discard + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                        + operator + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                held.add(socket);
            }
            // Once the hub has counted all of them in, the next one is refused; each poll sends the held requests
            // one more byte of body, so the idle time-out does not end them meanwhile.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                    .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                        for (Socket socket : held) {
                            socket.getOutputStream().write(' ');
                            socket.getOutputStream().flush();
                        }
                        return post(discard, "{\"reason\": \"x\"}").statusCode() == 429;
                    });
            // Another login is not affected (it may not discard: 403, but not 429).
            java.net.http.HttpResponse<String> other = hub.http().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(hub.url(discard)))
                    .header("Authorization", QueueChannelIT.basic("mz"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isNotEqualTo(429);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // The slots are given back when the held requests end.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                .until(() -> post(discard, "{\"reason\": \"x\"}").statusCode() != 429);
    }
}
