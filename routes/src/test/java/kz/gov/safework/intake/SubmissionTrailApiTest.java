package kz.gov.safework.intake;

import static kz.gov.safework.api.JsonAnswers.element;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.observe.OperatorAction;
import kz.gov.safework.observe.OperatorActions;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trail of a submission and its answers sent once more, over HTTP against the pipeline on a real Artemis
 * ({@link PipelineTestHub#withApi()}): each resend and republish puts exactly one more message on its queue, the same
 * Idempotency-Key again puts none, and who may do what.
 */
class SubmissionTrailApiTest {
    private static final String ASTANA = "AKIMAT-ASTANA";

    private final HttpClient http = HttpClient.newHttpClient();
    private PipelineTestHub hub;
    private String submissionId;

    @BeforeEach
    void start() throws Exception {
        hub = PipelineTestHub.withApi();
        NotifyBuilder done = new NotifyBuilder(hub.context).fromRoute("pipeline").whenDone(1).create();
        hub.sendEnvelope(ASTANA, PipelineRoutesTest.report(UUID.randomUUID().toString(), ASTANA));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        List<PipelineTestHub.Received> receipts = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(receipts).hasSize(1);
        submissionId = Json.mapper().readTree(receipts.get(0).text()).path("submissionId").asText();
        assertThat(hub.drain(Queues.MTSZN_FEED)).hasSize(1);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void theTrailShowsEveryRecordedStepInOrderWithWhereTheReceiptWent() throws Exception {
        HttpResponse<String> response = get("/api/submissions/" + submissionId + "/trail", "operator");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode steps = Json.mapper().readTree(response.body()).path("steps");
        assertThat(steps.findValuesAsText("step"))
                .containsSubsequence("RECEIVED", "LOGGED", "JUDGED", "STORED")
                .contains("FEED_PUBLISHED", "RECEIPT_SENT");
        JsonNode received = step(steps, "RECEIVED");
        assertThat(received.path("details").path("channel").asText()).isEqualTo("jms");
        assertThat(received.path("details").path("transportId").asText()).startsWith("T-");
        assertThat(step(steps, "LOGGED").path("details").path("sha256").asText()).hasSize(64);
        assertThat(step(steps, "JUDGED").path("details").path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(step(steps, "FEED_PUBLISHED").path("details").path("destination").asText()).isEqualTo("mtszn.feed");
        JsonNode receipt = step(steps, "RECEIPT_SENT").path("details");
        assertThat(receipt.path("destination").asText()).isEqualTo(PipelineTestHub.RECEIPTS);
        assertThat(receipt.path("addressedTo").asText()).isEqualTo("receipts." + ASTANA);
        List<String> times = steps.findValuesAsText("at");
        assertThat(times).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
    }

    @Test
    void anAgencyReadsItsOwnTrailAndNoOtherAndMayNotResend() throws Exception {
        assertThat(get("/api/submissions/" + submissionId + "/trail", "akimat-astana").statusCode()).isEqualTo(200);
        assertThat(get("/api/submissions/" + submissionId + "/trail", "mz").statusCode()).isEqualTo(404);
        assertThat(get("/api/submissions/no-such-id/trail", "operator").statusCode()).isEqualTo(404);
        assertThat(post("/resend-receipt", "akimat-astana", "k-agency").statusCode()).isEqualTo(403);
        assertThat(post("/republish", "akimat-astana", "k-agency").statusCode()).isEqualTo(403);
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).isZero();
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isZero();
    }

    @Test
    void aResendDeliversOneMoreReceiptAndTheSameKeyAgainDeliversNothing() throws Exception {
        HttpResponse<String> first = post("/resend-receipt", "operator", "key-1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotency-Key")).hasValue("key-1");
        assertThat(Json.mapper().readTree(first.body()).path("repeatedRequest").asBoolean()).isFalse();
        // The send is done when the answer comes: the broker holds the message or has dropped it.
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).isEqualTo(1);

        HttpResponse<String> again = post("/resend-receipt", "operator", "key-1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).path("repeatedRequest").asBoolean()).isTrue();
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).isEqualTo(1);

        HttpResponse<String> other = post("/resend-receipt", "operator", null);
        String generated = Json.mapper().readTree(other.body()).path("requestId").asText();
        assertThat(generated).isNotBlank().isNotEqualTo("key-1");
        assertThat(other.headers().firstValue("Idempotency-Key")).hasValue(generated);
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).isEqualTo(2);

        List<PipelineTestHub.Received> resent = hub.drain(PipelineTestHub.RECEIPTS);
        assertThat(resent).extracting(r -> Json.mapper().readTree(r.text()).path("submissionId").asText())
                .containsOnly(submissionId);
        assertThat(resent.get(0).message().getStringProperty("swCorrelation")).startsWith("T-");

        JsonNode steps = Json.mapper().readTree(get("/api/submissions/" + submissionId + "/trail", "operator").body())
                .path("steps");
        List<String> resends = new ArrayList<>();
        steps.forEach(s -> {
            if (s.path("step").asText().equals("RECEIPT_RESENT")) {
                resends.add(s.path("details").path("requestId").asText());
                assertThat(s.path("details").path("by").asText()).isEqualTo("operator");
            }
        });
        assertThat(resends).containsExactlyInAnyOrder("key-1", generated);
        assertThat(new OperatorActions(hub.database).recent(10)).filteredOn(a -> a.action()
                == OperatorAction.Kind.RESEND_RECEIPT).hasSize(3)
                .allSatisfy(a -> assertThat(a.target()).isEqualTo(submissionId));
    }

    @Test
    void aRepublishPublishesOneMoreFeedMessageAndTheSameKeyAgainPublishesNothing() throws Exception {
        assertThat(post("/republish", "operator", "feed-1").statusCode()).isEqualTo(200);
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isEqualTo(1);
        assertThat(post("/republish", "operator", "feed-1").statusCode()).isEqualTo(200);
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isEqualTo(1);
        assertThat(post("/republish", "operator", "feed-2").statusCode()).isEqualTo(200);
        assertThat(hub.messageCount(Queues.MTSZN_FEED)).isEqualTo(2);
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).as("a republish sends no receipt").isZero();

        List<PipelineTestHub.Received> feed = hub.drain(Queues.MTSZN_FEED);
        assertThat(feed).allSatisfy(m -> {
            assertThat(m.message().getJMSType()).isEqualTo("progress-report");
            assertThat(Json.mapper().readTree(m.text()).path("submissionId").asText()).isEqualTo(submissionId);
        });
        assertThat(new OperatorActions(hub.database).recent(10)).filteredOn(a -> a.action()
                == OperatorAction.Kind.REPUBLISH_FEED).hasSize(3);
    }

    @Test
    void aBadIdempotencyKeyIsRefusedAndSendsNothing() throws Exception {
        assertThat(post("/resend-receipt", "operator", "a b").statusCode()).isEqualTo(400);
        assertThat(post("/resend-receipt", "operator", "x".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(hub.messageCount(PipelineTestHub.RECEIPTS)).isZero();
    }

    private static JsonNode step(JsonNode steps, String name) {
        return element(steps, "step", name);
    }

    private HttpResponse<String> get(String path, String login) throws Exception {
        return http.send(request(path, login).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String action, String login, String key) throws Exception {
        return post(http, hub, submissionId, action, login, key);
    }

    /** POST {@code /api/submissions/<id><action>} on the hub's API as {@code login}, with that Idempotency-Key. */
    static HttpResponse<String> post(HttpClient http, PipelineTestHub hub, String submissionId, String action,
            String login, String key) throws Exception {
        HttpRequest.Builder request = request(hub, "/api/submissions/" + submissionId + action, login)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String login) {
        return request(hub, path, login);
    }

    private static HttpRequest.Builder request(PipelineTestHub hub, String path, String login) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((login + ":" + login + "-secret")
                        .getBytes(StandardCharsets.UTF_8)));
    }
}
