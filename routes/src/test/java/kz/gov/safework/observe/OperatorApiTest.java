package kz.gov.safework.observe;

import static kz.gov.safework.api.JsonAnswers.element;
import static kz.gov.safework.api.JsonAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import kz.gov.safework.contract.envelope.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorApiTest {
    private static ObserveTestHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = new ObserveTestHub();
    }

    @AfterAll
    static void stopHub() throws Exception {
        hub.close();
    }

    @BeforeEach
    void emptyQueuesAndStore() throws Exception {
        hub.purgeQueues();
        hub.clearStore();
    }

    private static void deadLetterFromIntake(String body) throws Exception {
        hub.broker.deadLetter(Queues.INTAKE, body, Map.of(
                "swChannel", "sftp", "swAgency", "MZ", "swFileName", "report-2024.xml",
                DeadLetters.FAILURE, "store unavailable: connection refused"));
    }

    private static long onlyDeadLetterId() throws Exception {
        JsonNode letters = json(hub.asOperator("/api/operator/dead-letters"));
        assertThat(letters).hasSize(1);
        return letters.get(0).get("id").asLong();
    }

    /** The operator discards the only dead letter with {@code body} ({@code {"reason": ...}}). */
    private static HttpResponse<String> discardOnlyDeadLetter(String body) throws Exception {
        return hub.postAsOperator("/api/operator/dead-letters/" + onlyDeadLetterId() + "/discard", body);
    }

    /**
     * The operator retries all dead letters: every one is counted as retried and is back on its queue
     * ({@code toIntake} on hub.intake, {@code toReportsIn} on reports.in), and the DLQ is empty.
     */
    private static void retryAllSendsBack(int toIntake, int toReportsIn) throws Exception {
        JsonNode result = json(hub.postAsOperator("/api/operator/dead-letters/retry-all", null));

        assertThat(result.get("retried").asInt()).isEqualTo(toIntake + toReportsIn);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(hub.broker.messageCount(Queues.INTAKE)).isEqualTo(toIntake);
            assertThat(hub.broker.messageCount(Queues.REPORTS_IN)).isEqualTo(toReportsIn);
            assertThat(hub.broker.messageCount(Queues.DLQ)).isZero();
        });
    }

    /** The API refused with {@code status} and names the reason in the body's {@code code}. */
    private static void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).get("code").asText()).isEqualTo(code);
    }

    @Test
    void listsDeadLetterWithWhereItDiedWhyWhoseAndSize() throws Exception {
        deadLetterFromIntake("<report>twelve</report>");

        HttpResponse<String> response = hub.asOperator("/api/operator/dead-letters");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode letter = json(response).get(0);
        assertThat(letter.get("originalAddress").asText()).isEqualTo(Queues.INTAKE);
        assertThat(letter.get("failure").asText()).isEqualTo("store unavailable: connection refused");
        assertThat(letter.get("channel").asText()).isEqualTo("sftp");
        assertThat(letter.get("agency").asText()).isEqualTo("MZ");
        assertThat(letter.get("fileName").asText()).isEqualTo("report-2024.xml");
        assertThat(letter.get("size").asLong()).isEqualTo("<report>twelve</report>".length());
        assertThat(letter.get("time").asText()).isNotBlank();
    }

    @Test
    void countsDeadLettersByTheDayTheyArrivedInAlmaty() throws Exception {
        // 20:00 UTC on 1 March is 2 March in Almaty (UTC+5): grouped by UTC days the first two would split.
        for (String receivedAt : new String[] {"2026-03-01T20:00:00Z", "2026-03-02T05:00:00Z", "2026-03-03T10:00:00Z"}) {
            hub.broker.deadLetter(Queues.INTAKE, "<report/>", Map.of("swChannel", "jms",
                    kz.gov.safework.contract.envelope.EnvelopeHeaders.RECEIVED_AT, receivedAt));
        }
        // Without the header: the day of the message's own time, today.
        deadLetterFromIntake("<report/>");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Almaty")).toString();

        HttpResponse<String> response = hub.asOperator("/api/operator/dead-letters-per-day");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode perDay = json(response);
        assertThat(perDay.path("zone").asText()).isEqualTo("Asia/Almaty");
        assertThat(perDay.path("total").asInt()).isEqualTo(4);
        assertThat(perDay.path("complete").asBoolean()).isTrue();
        assertThat(perDay.path("days").findValuesAsText("day")).containsExactly("2026-03-02", "2026-03-03", today);
        assertThat(perDay.path("days").findValues("count").stream().map(JsonNode::asInt).toList())
                .containsExactly(2, 1, 1);
        assertThat(hub.get("/api/operator/dead-letters-per-day", null).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/operator/dead-letters-per-day", TestAuthenticator.basic(TestAuthenticator.AGENCY,
                TestAuthenticator.AGENCY_PASSWORD)).statusCode()).isEqualTo(403);
    }

    @Test
    void showsOneDeadLetterWithItsBodyAndRecordsTheLook() throws Exception {
        deadLetterFromIntake("<report>Отчёт за 2024</report>");
        long id = onlyDeadLetterId();

        JsonNode detail = json(hub.asOperator("/api/operator/dead-letters/" + id));

        assertThat(detail.get("body").asText()).isEqualTo("<report>Отчёт за 2024</report>");
        assertThat(detail.get("bodyTruncated").asBoolean()).isFalse();
        assertThat(detail.get("properties").get("swAgency").asText()).isEqualTo("MZ");
        JsonNode actions = json(hub.asOperator("/api/operator/actions"));
        assertThat(actions.get(0).get("action").asText()).isEqualTo("VIEW_DEAD_LETTER");
        assertThat(actions.get(0).get("operator").asText()).isEqualTo(TestAuthenticator.OPERATOR);
    }

    @Test
    void retrySendsDeadLetterBackToTheAddressItDiedOn() throws Exception {
        deadLetterFromIntake("<report/>");
        long id = onlyDeadLetterId();

        HttpResponse<String> response = hub.postAsOperator("/api/operator/dead-letters/" + id + "/retry", null);

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(hub.broker.messageCount(Queues.INTAKE)).isEqualTo(1);
            assertThat(hub.broker.messageCount(Queues.DLQ)).isZero();
        });
        JsonNode action = json(hub.asOperator("/api/operator/actions")).get(0);
        assertThat(action.get("action").asText()).isEqualTo("RETRY_DEAD_LETTER");
        assertThat(action.get("operator").asText()).isEqualTo(TestAuthenticator.OPERATOR);
        assertThat(action.get("target").asText()).isEqualTo("DLQ/" + id);
        assertThat(action.get("outcome").asText()).contains(Queues.INTAKE);
    }

    @Test
    void retrySendsDeadLetterWithoutOriginalAddressToIntake() throws Exception {
        hub.broker.send(Queues.DLQ, "<report/>", Map.of("swAgency", "MZ"));
        long id = onlyDeadLetterId();

        assertThat(hub.postAsOperator("/api/operator/dead-letters/" + id + "/retry", null).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hub.broker.messageCount(Queues.INTAKE)).isEqualTo(1));
    }

    @Test
    void retrySendsBackADeadLetterThatNamesItsAddressButNotItsQueue() throws Exception {
        // As the pipeline's give-up branch wrote them before it named the queue: Artemis' own retry moves nothing.
        hub.broker.send(Queues.DLQ, "<report/>", Map.of("swAgency", "MZ", DeadLetters.ORIGINAL_ADDRESS, Queues.INTAKE));
        long id = onlyDeadLetterId();

        assertThat(hub.postAsOperator("/api/operator/dead-letters/" + id + "/retry", null).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(hub.broker.messageCount(Queues.INTAKE)).isEqualTo(1);
            assertThat(hub.broker.messageCount(Queues.DLQ)).isZero();
        });
    }

    @Test
    void retryAllSendsBackDeadLettersThatNameTheirAddressButNotTheirQueue() throws Exception {
        hub.broker.send(Queues.DLQ, "<one/>", Map.of(DeadLetters.ORIGINAL_ADDRESS, Queues.INTAKE));
        hub.broker.send(Queues.DLQ, "<two/>", Map.of(DeadLetters.ORIGINAL_ADDRESS, Queues.REPORTS_IN));

        retryAllSendsBack(1, 1);
    }

    @Test
    void retryAllSendsEveryDeadLetterBack() throws Exception {
        deadLetterFromIntake("<one/>");
        deadLetterFromIntake("<two/>");
        hub.broker.deadLetter(Queues.REPORTS_IN, "<three/>", Map.of());

        retryAllSendsBack(2, 1);
        assertThat(json(hub.asOperator("/api/operator/actions")).get(0).get("action").asText())
                .isEqualTo("RETRY_ALL_DEAD_LETTERS");
    }

    @Test
    void discardRemovesDeadLetterAndRecordsWhoAndWhy() throws Exception {
        deadLetterFromIntake("<report/>");

        HttpResponse<String> response = discardOnlyDeadLetter("{\"reason\": \"test document sent by mistake\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hub.broker.messageCount(Queues.DLQ)).isZero());
        assertThat(hub.broker.messageCount(Queues.INTAKE)).isZero();
        JsonNode action = json(hub.asOperator("/api/operator/actions")).get(0);
        assertThat(action.get("action").asText()).isEqualTo("DISCARD_DEAD_LETTER");
        assertThat(action.get("reason").asText()).isEqualTo("test document sent by mistake");
        assertThat(action.get("operator").asText()).isEqualTo(TestAuthenticator.OPERATOR);
    }

    @Test
    void refusesDiscardWithoutReason() throws Exception {
        deadLetterFromIntake("<report/>");

        HttpResponse<String> response = discardOnlyDeadLetter("{\"reason\": \"  \"}");

        assertRefused(response, 400, "bad_request");
        assertThat(hub.broker.messageCount(Queues.DLQ)).isEqualTo(1);
    }

    @Test
    void refusesRetryPostedFromAnotherSite() throws Exception {
        deadLetterFromIntake("<report/>");
        long id = onlyDeadLetterId();

        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(
                        URI.create(hub.baseUrl() + "/api/operator/dead-letters/" + id + "/retry"))
                .header("Authorization", TestAuthenticator.basic(TestAuthenticator.OPERATOR,
                        TestAuthenticator.OPERATOR_PASSWORD))
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertRefused(response, 403, "cross_origin");
        assertThat(hub.broker.messageCount(Queues.DLQ)).isEqualTo(1);
    }

    @Test
    void answersNotFoundForUnknownDeadLetter() throws Exception {
        HttpResponse<String> response = hub.postAsOperator("/api/operator/dead-letters/987654321/retry", null);

        assertRefused(response, 404, "not_found");
    }

    @Test
    void refusesDeadLetterIdThatIsNotANumber() throws Exception {
        HttpResponse<String> response = hub.asOperator("/api/operator/dead-letters/abc");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void asksForCredentialsWithBasicChallenge() throws Exception {
        HttpResponse<String> response = hub.get("/api/operator/dead-letters", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic "));
    }

    @Test
    void refusesWrongPassword() throws Exception {
        HttpResponse<String> response = hub.get("/api/operator/routes",
                TestAuthenticator.basic(TestAuthenticator.OPERATOR, "guess"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAgencyLoginOnOperatorApi() throws Exception {
        HttpResponse<String> response = hub.get("/api/operator/dead-letters",
                TestAuthenticator.basic(TestAuthenticator.AGENCY, TestAuthenticator.AGENCY_PASSWORD));

        assertRefused(response, 403, "forbidden");
    }

    @Test
    void doesNotEchoCredentialsBack() throws Exception {
        HttpResponse<String> response = hub.asOperator("/api/operator/me");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("Authorization"));
        assertThat(json(response).get("login").asText()).isEqualTo(TestAuthenticator.OPERATOR);
    }

    @Test
    void listsRecentSubmissionsNewestFirstWithTheirReceipts() throws Exception {
        hub.insertSubmission("sub-older", "MZ", "ACCEPTED", "{\"submissionId\":\"sub-older\",\"status\":\"ACCEPTED\"}");
        hub.insertSubmission("sub-newer", "MVD", "REJECTED",
                "{\"submissionId\":\"sub-newer\",\"status\":\"REJECTED\",\"errors\":[{\"code\":\"UNKNOWN_ITEM\"}]}");

        JsonNode submissions = json(hub.asOperator("/api/operator/submissions?limit=1"));

        assertThat(submissions).hasSize(1);
        assertThat(submissions.get(0).get("submissionId").asText()).isEqualTo("sub-newer");
        assertThat(submissions.get(0).get("receipt").get("errors").get(0).get("code").asText())
                .isEqualTo("UNKNOWN_ITEM");
    }

    @Test
    void refusesSubmissionLimitOutOfRange() throws Exception {
        assertThat(hub.asOperator("/api/operator/submissions?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void reportsQueueDepthsAsGaugesAndInTheApi() throws Exception {
        deadLetterFromIntake("<report/>");
        hub.broker.send(Queues.MTSZN_FEED, "{}", Map.of());
        hub.broker.send(Queues.MTSZN_FEED, "{}", Map.of());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = hub.registry.scrape();
            assertThat(scrape).contains("hub_queue_messages{queue=\"DLQ\"} 1.0");
            assertThat(scrape).contains("hub_queue_messages{queue=\"mtszn.feed\"} 2.0");
            assertThat(scrape).contains("hub_queue_consumers{queue=\"hub.intake\"} 0.0");
        });
        JsonNode queues = json(hub.asOperator("/api/operator/queues"));
        assertThat(queues.findValuesAsText("queue"))
                .containsExactly(Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED, Queues.DLQ);
    }

    @Test
    void listsRoutesWithStateAndCounters() throws Exception {
        JsonNode routes = json(hub.asOperator("/api/operator/routes"));

        JsonNode poller = element(routes, "routeId", "queue-depths");
        assertThat(poller.get("state").asText()).isEqualTo("Started");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                json(hub.asOperator("/api/operator/routes")).findValues("exchangesTotal").stream()
                        .mapToLong(JsonNode::asLong).sum()).isPositive());
    }

    @Test
    void listsHealthChecksWithDiskSpace() throws Exception {
        JsonNode channels = json(hub.asOperator("/api/operator/channels"));

        assertThat(channels.get("health").findValuesAsText("id")).contains(DiskSpaceHealthCheck.ID);
        assertThat(channels.get("dataDirFreeBytes").asLong()).isPositive();
    }

    @Test
    void servesConsolePageAndAssetsWithoutLogin() throws Exception {
        HttpResponse<String> page = hub.get("/", null);
        HttpResponse<String> script = hub.get("/console/app.js", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/console/app.js");
        // Frames only of blob: addresses (the consolidation's PDF the page fetched); nothing else widened.
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self';"
                + " script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src blob:;"
                + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
    }

    @Test
    void servesTheChartLibraryFromItsWebjarUnderTheSamePolicy() throws Exception {
        HttpResponse<String> page = hub.get("/", null);
        HttpResponse<String> library = hub.get("/console/uPlot.iife.min.js", null);
        HttpResponse<String> style = hub.get("/console/uPlot.min.css", null);

        assertThat(page.body()).contains("src=\"/console/uPlot.iife.min.js\"", "href=\"/console/uPlot.min.css\"",
                "src=\"/console/charts.js\"");
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.body()).contains("uPlot");
        assertThat(library.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        assertThat(library.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
        assertThat(hub.get("/console/charts.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAssetsThatAreNotShipped() throws Exception {
        assertThat(hub.get("/console/..%2F..%2Fdb%2Fmigration%2FV1__store.sql", null).statusCode()).isEqualTo(404);
        assertThat(hub.get("/console/secret.js", null).statusCode()).isEqualTo(404);
    }
}
