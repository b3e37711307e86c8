package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No HTTP answer of the packaged hub echoes a request header or a query parameter (platform-http copies
 * message headers to the response), whatever the endpoint: console, API, OpenAPI, health, errors.
 */
class HttpEchoIT {
    private static final String EVIL = "<script>alert(1)</script>";

    @TempDir
    static Path data;
    static HubProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = new HubProcess(data, Map.of()).start();
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/console/app.js", "/api/openapi.json", "/observe/health", "/observe/metrics",
            "/api/submissions/no-such-id", "/api/operator/me", "/api/operator/dead-letters",
            "/api/plans/safe-labor-2021-2025/years/2023/matrix", "/api/plans/safe-labor-2021-2025/years/2023/matrix?format=csv",
            "/api/plans/nope/years/2023/consolidations/nope", "/no/such/path"})
    void answersWithoutEchoingRequestHeadersOrQueryParameters(String path) throws Exception {
        for (String login : new String[] {null, "operator"}) {
            String uri = hub.url(path) + (path.contains("?") ? "&" : "?") + "evilParam=" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
            var request = HttpRequest.newBuilder(URI.create(uri))
                    .header("X-Evil", EVIL)
                    .header("X-Forwarded-Host", "evil.example");
            if (login != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (login + ":" + QueueChannelIT.password(login)).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path + " as " + login + ": " + response.body()).isLessThan(500);
            response.headers().map().forEach((name, values) -> {
                assertThat(name.toLowerCase(Locale.ROOT)).as(path + " response header")
                        .isNotIn("x-evil", "evilparam", "x-forwarded-host", "authorization");
                assertThat(values).as(path + " header " + name).noneMatch(v -> v.contains("<script>") || v.contains("evil.example"));
            });
        }
    }
}
