package kz.gov.safework.cycle;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.StoreFixture.Entry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import kz.gov.safework.testing.MutableClock;

/** Who may call the cycle API, and what happens when a transport refuses. */
class CycleApiAccessTest {
    private static final String BASE = "/api/plans/" + TestReference.PLAN + "/years/2022";

    private final StoreFixture store = new StoreFixture("api-" + UUID.randomUUID());
    private final MutableClock clock = new MutableClock(day(2022, 12, 1)); // nothing due yet
    private final HttpClient http = HttpClient.newHttpClient();
    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        store.accepted("s-mvd", "MVD", "r-mvd", 2022, day(2023, 1, 9), false, null,
                Entry.of("4-1", ItemStatus.COMPLETED, "Исполнено"));
        port = CycleHub.freePort();
        context = CycleHub.start(store.dataSource, TestReference.create(), clock, port);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void callWithoutCredentialsIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(BASE + "/matrix")).GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void callWithWrongPasswordIsUnauthorized() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("mtszn:guess".getBytes(StandardCharsets.UTF_8));
        assertThat(send(HttpRequest.newBuilder(uri(BASE + "/matrix")).header("Authorization", basic).GET().build())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void operatorMayNotBuildAConsolidation() throws Exception {
        assertThat(post(BASE + "/consolidations", "operator").statusCode()).isEqualTo(403);
    }

    @Test
    void agencyMayNotBuildAConsolidation() throws Exception {
        assertThat(post(BASE + "/consolidations", "mvd").statusCode()).isEqualTo(403);
    }

    @Test
    void agencyMayNotReadAnotherAgencysHistory() throws Exception {
        assertThat(get(BASE + "/agencies/MZ/history", "mvd").statusCode()).isEqualTo(403);
        assertThat(get(BASE + "/agencies/MVD/history", "mvd").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPlanIsNotFound() throws Exception {
        assertThat(get("/api/plans/no-such-plan/years/2022/matrix", "operator").statusCode()).isEqualTo(404);
    }

    @Test
    void yearThatIsNotANumberIsABadRequest() throws Exception {
        assertThat(get("/api/plans/" + TestReference.PLAN + "/years/twenty/matrix", "operator").statusCode())
                .isEqualTo(400);
    }

    @Test
    void unknownMatrixFormatIsABadRequestNamingTheAllowedOnes() throws Exception {
        var response = get("/api/plans/" + TestReference.PLAN + "/years/2022/matrix?format=xml", "operator");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("json or csv");
    }

    @Test
    void consolidationOfAYearNoLongerOwedIsAConflict() throws Exception {
        assertThat(post("/api/plans/" + TestReference.PLAN + "/years/2023/consolidations", "mtszn").statusCode())
                .isEqualTo(409);
    }

    @Test
    void anApprovalStandsWhenTheOutboxRefusesAndItsPackageGoesOutOnTheNextTick() throws Exception {
        // The broker refuses until the approval's answer has been read; the relay's tick may try meanwhile.
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        List<String> delivered = new CopyOnWriteArrayList<>();
        MockEndpoint outbox = context.getEndpoint("mock:outbox", MockEndpoint.class);
        outbox.whenAnyExchangeReceived(e -> {
            if (brokerDown.get()) {
                throw new IllegalStateException("broker down");
            }
            delivered.add(e.getMessage().getHeader(CycleRoutes.H_PART, String.class));
        });
        HttpResponse<String> built = post(BASE + "/consolidations", "mtszn");
        assertThat(built.statusCode()).isIn(200, 201); // 200 when the schedule built the same draft first
        String id = Json.mapper().readTree(built.body()).path("id").asText();

        HttpResponse<String> approved = post(BASE + "/consolidations/" + id + "/approve", "mtszn");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode delivery = Json.mapper().readTree(approved.body()).path("delivery");
        assertThat(delivery).hasSize(7);
        assertThat(delivery.get(0).path("state").asText()).isEqualTo("PENDING");
        assertThat(delivery.get(0).path("lastError").asText()).contains("broker down");
        assertThat(store.count("SELECT COUNT(*) FROM consolidation WHERE status = 'APPROVED'")).isEqualTo(1);
        assertThat(post(BASE + "/consolidations/" + id + "/approve", "mtszn").statusCode()).isEqualTo(409);
        assertThat(delivered).isEmpty();

        brokerDown.set(false);
        await().atMost(20, SECONDS).untilAsserted(() -> {
            JsonNode after = Json.mapper().readTree(get(BASE + "/consolidations/" + id, "operator").body());
            assertThat(after.path("delivery").findValuesAsText("state")).containsOnly("SENT").hasSize(7);
        });
        // Seven parts delivered, each once, in the package's order.
        assertThat(delivered).containsExactly("xml", "json", "pdf", "manifest", "manifest-sha256", "json-signature",
                "manifest-signature");
    }

    @Test
    void reminderRefusedByItsTransportIsSentOnTheNextTick() throws Exception {
        MockEndpoint almaty = context.getEndpoint("mock:receipts.AKIMAT-ALMATY", MockEndpoint.class);
        almaty.whenExchangeReceived(1, e -> {
            throw new IllegalStateException("broker down");
        });
        clock.set(day(2022, 12, 21)); // due date -20 days
        await().atMost(10, SECONDS).until(() -> almaty.getReceivedCounter() == 2);
        NotifyBuilder more = new NotifyBuilder(context).fromRoute("cycle-reminders").whenDone(3).create();
        assertThat(more.matches(20, SECONDS)).isTrue();
        assertThat(almaty.getReceivedCounter()).isEqualTo(2);
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder WHERE agency = 'AKIMAT-ALMATY'")).isEqualTo(1);
    }

    private static Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(10, 0).atZone(ZoneId.of("Asia/Almaty")).toInstant();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String login) throws Exception {
        return CycleHub.get(http, port, path, login);
    }

    private HttpResponse<String> post(String path, String login) throws Exception {
        return CycleHub.post(http, port, path, login);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
