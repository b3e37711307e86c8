package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A healthy start of the packaged hub seen the way a load balancer or a Kubernetes probe sees it: every 100 ms from
 * the process start, {@code /observe/health}, {@code /observe/health/ready} and {@code /observe/health/live}. Before
 * the first 200 anything goes (connection refused, 404 before the routes exist, 503); after it, a single other answer
 * is a flap. Liveness never answers 503; once ready, the REST API answers (no 404 window).
 */
class HealthStartIT {
    private static final List<String> PROBES = List.of("/observe/health", "/observe/health/ready", "/observe/health/live");
    /** What the operator console calls first: needs every REST route of the operators' API. */
    private static final String API = "/api/operator/actions";
    /** Polls after the hub first said ready: the flap measured before this was fixed came half a second later. */
    private static final int POLLS_AFTER_READY = 80;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void healthNeverFlapsDuringAHealthyStartAndTheApiAnswersOnceReady() throws Exception {
        String operator = QueueChannelIT.basic("operator");
        Map<String, List<Integer>> answers = new LinkedHashMap<>();
        PROBES.forEach(probe -> answers.put(probe, new ArrayList<>()));
        List<Integer> apiAfterReady = new ArrayList<>();
        // Each different answer other than 200 once, to say why in a failure.
        java.util.Set<String> bodies = new java.util.LinkedHashSet<>();
        try (HubProcess hub = new HubProcess(data, Map.of())) {
            hub.launch();
            await().atMost(Duration.ofSeconds(300)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        assertThat(hub.alive()).as("hub process alive").isTrue();
                        for (String probe : PROBES) {
                            answers.get(probe).add(status(hub, probe, null, bodies));
                        }
                        if (answers.get("/observe/health/ready").contains(200)) {
                            apiAfterReady.add(status(hub, API, operator, bodies));
                        }
                        return apiAfterReady.size() >= POLLS_AFTER_READY;
                    });
        }
        String timeline = timeline(answers) + "\n" + API + " after ready: " + runs(apiAfterReady)
                + "\nanswers other than 200:\n" + String.join("\n", bodies);
        for (String probe : PROBES) {
            List<Integer> seen = answers.get(probe);
            int firstUp = seen.indexOf(200);
            assertThat(firstUp).as(probe + " was never UP:\n" + timeline).isNotNegative();
            assertThat(seen.subList(firstUp, seen.size())).as(probe + " flapped after its first UP:\n" + timeline)
                    .containsOnly(200);
        }
        // 404 only while the HTTP server runs and its routes are not registered yet (the health routes among them).
        assertThat(answers.get("/observe/health/live")).as("liveness is never DOWN during a healthy start:\n" + timeline)
                .filteredOn(code -> code != 0 && code != 404).containsOnly(200);
        assertThat(apiAfterReady).as("the API once ready:\n" + timeline).containsOnly(200);
    }

    /** The HTTP status, or 0 when nothing answered (the hub not listening yet). */
    private int status(HubProcess hub, String path, String authorization, java.util.Set<String> bodies)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                bodies.add(path + " " + response.statusCode() + " " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String timeline(Map<String, List<Integer>> answers) {
        StringBuilder text = new StringBuilder();
        answers.forEach((probe, seen) -> text.append(probe).append(": ").append(runs(seen)).append('\n'));
        return text.toString();
    }

    /** 0 x12, 503 x3, 200 x80: the answers in order, repeated ones counted. */
    private static String runs(List<Integer> seen) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < seen.size(); ) {
            int j = i;
            while (j < seen.size() && seen.get(j).equals(seen.get(i))) {
                j++;
            }
            text.append(text.isEmpty() ? "" : ", ").append(seen.get(i)).append(" x").append(j - i);
            i = j;
        }
        return text.toString();
    }
}
