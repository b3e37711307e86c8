package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No HTTP answer of the packaged hub echoes a request header or a query parameter (platform-http copies
 * message headers to the response), whatever the endpoint: console, API, OpenAPI, health, errors. And every
 * {@code /api} operation the OpenAPI document lists refuses a missing or wrong login the same way.
 */
@ExtendWith(SharedHub.class)
class HttpEchoIT {
    private static final String EVIL = "<script>alert(1)</script>";

    @SharedHub.Hub
    static HubProcess hub;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/console/app.js", "/api/openapi.json", "/observe/health", "/observe/metrics",
            "/api/submissions/no-such-id", "/api/operator/me", "/api/operator/dead-letters",
            "/api/plans/safe-labor-2021-2025/years/2023/matrix", "/api/plans/safe-labor-2021-2025/years/2023/matrix?format=csv",
            "/api/plans/nope/years/2023/consolidations/nope", "/no/such/path", "/console/campaign.js",
            "/console/provenance.js", "/schemas/report/progress-report-v1.xsd", "/schemas/no-such-file", "/api/me",
            "/api/plans/safe-labor-2021-2025/years/2022/progress",
            "/api/submissions?q=x&year=2022", "/api/submissions/no-such-id/document"})
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

    /**
     * What the API says about submissions and the hub's state is not kept by a browser or a proxy. The HTTP server
     * alone says so (no route sets it), so here is one answer of each way the routes write one: the operator API's
     * JSON, a receipt search, a problem, the cycle API, health, and the agencies' status page as HTML and JSON.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/operator/me", "/api/submissions?year=2022", "/api/submissions/no-such-id",
            "/api/plans/safe-labor-2021-2025/years/2022/progress", "/observe/health", "/status", "/status?format=json"})
    void answersAreNotStoredByCaches(String path) throws Exception {
        HttpResponse<String> response = QueueChannelIT.request(hub, path, "operator");
        assertThat(response.statusCode()).as(path).isLessThan(500);
        assertThat(response.headers().allValues("Cache-Control")).as(path + " answered " + response.statusCode())
                .containsExactly("no-store");
    }

    /** A checked document's receipt and the problem for a missing login: the two other writers of an /api/ answer. */
    @Test
    void aCheckedDocumentAndARefusedLoginAreNotStoredByCaches() throws Exception {
        byte[] document = Files.readAllBytes(Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().normalize()
                .getParent().resolve("schemas/examples/valid/03-mz-2022.xml"));
        for (String login : new String[] {"mz", null}) {
            var request = HttpRequest.newBuilder(URI.create(hub.url("/api/validate")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document)).header("Content-Type", "application/xml");
            if (login != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (login + ":" + QueueChannelIT.password(login)).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> response = hub.http().send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(login == null ? 401 : 200);
            assertThat(response.headers().allValues("Cache-Control")).as("as " + login).containsExactly("no-store");
        }
    }

    /**
     * Java's HttpClient asks plain-HTTP servers to upgrade to HTTP/2 (h2c) unless told otherwise, and agencies' Java
     * systems will use it as it comes. Vert.x's upgrade failed about one such request in 1,500 (CI saw an EOF), so the
     * hub declines it: the answer comes in HTTP/1.1, on the connection the client opened, whatever the client asked.
     */
    @Test
    void answersAClientAskingForHttp2OverPlainHttpInHttp11() throws Exception {
        HttpClient asksForHttp2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (String path : new String[] {"/console/app.js", "/api/me", "/observe/health"}) {
            HttpResponse<String> response = asksForHttp2.send(HttpRequest.newBuilder(URI.create(hub.url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).as(path + " answered " + response.statusCode()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.statusCode()).as(path).isIn(200, 401);
        }
    }

    /** Files that are the same for everyone may be kept: the console revalidates, the contract files are plain. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/console/app.js", "/schemas/report/progress-report-v1.xsd"})
    void staticFilesAreNotMarkedNoStore(String path) throws Exception {
        HttpResponse<String> response = QueueChannelIT.request(hub, path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).as(path).doesNotContain("no-store");
    }

    @Test
    void everyApiOperationRefusesAMissingOrWrongLoginWithTheSameProblemAndRealm() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.JsonNode openApi = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/openapi.json"))).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
        List<String> operations = new ArrayList<>();
        // every operation that asks for a login (the /observe paths need none)
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (method.getValue().path("security").size() > 0) {
                operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(operations).as("the operator, cycle and receipt APIs").hasSizeGreaterThan(15)
                .contains("GET /api/submissions/{submissionId}", "GET /api/operator/me", "GET /api/me",
                        "GET /api/submissions", "GET /api/submissions/{submissionId}/document", "POST /api/validate",
                        "GET /api/plans/{plan}/years/{year}/progress",
                        "POST /api/plans/{plan}/years/{year}/consolidations/{id}/approve");

        int stranger = 0;
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replace("{plan}", "safe-labor-2021-2025")
                    .replace("{year}", "2023").replaceAll("\\{[^}]+}", "x");
            // A new unknown login each time: wrong passwords for one login would lock it (429) before the end.
            String wrong = "Basic " + Base64.getEncoder().encodeToString(("stranger-" + stranger++ + ":wrong")
                    .getBytes(StandardCharsets.UTF_8));
            for (String authorization : new String[] {null, wrong}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String what = operation + (authorization == null ? " without login" : " with a wrong password");

                assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
                assertThat(response.headers().allValues("WWW-Authenticate")).as(what)
                        .containsExactly("Basic realm=\"safework-hub\", charset=\"UTF-8\"");
                assertThat(response.headers().firstValue("Content-Type")).as(what)
                        .hasValue("application/problem+json");
                com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(response.body());
                List<String> members = new ArrayList<>();
                problem.fieldNames().forEachRemaining(members::add);
                assertThat(members).as(what).containsExactly("type", "title", "status", "detail", "code");
                assertThat(problem.path("status").asInt()).as(what).isEqualTo(401);
                assertThat(problem.path("code").asText()).as(what).isEqualTo("unauthenticated");
                assertThat(problem.path("title").asText()).as(what).isEqualTo("Unauthorized");
            }
        }
    }
}
