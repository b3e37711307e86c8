package kz.gov.safework.cycle;

import static kz.gov.safework.api.JsonAnswers.element;
import static kz.gov.safework.api.JsonAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import kz.gov.safework.api.ApiRouteConfiguration;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.StoreFixture.Entry;
import kz.gov.safework.testing.MutableClock;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MTSZN's campaign API: {@code /api/me}, {@code …/progress}, agency names in the matrix and the approved package's
 * manifest, and what the Government's login may read of it (approved packages) and not (everything else), over the
 * store as the pipeline writes it. For 2022 the test plan owes seven agency × item pairs:
 * item 1 (MTSZN, MZ), item 2 (both akimats), item 4-1 (MVD) in section 1; item 3 (MZ, not yet completed) and
 * item 5 (MTSZN) in section 2.
 */
class CampaignApiTest {
    private static final String BASE = "/api/plans/" + TestReference.PLAN + "/years/2022";

    private final StoreFixture store = new StoreFixture("campaign-" + UUID.randomUUID());
    private final MutableClock clock = new MutableClock(day(2022, 12, 1));
    private final HttpClient http = HttpClient.newHttpClient();
    private CamelContext context;
    private int port;

    /**
     * The campaign of 2022 this test and the console's browser test look at: MVD on time (item 4-1), MZ late
     * (item 1, in progress), AKIMAT-ALMATY with a rejected document only.
     */
    static void seed(StoreFixture store) throws Exception {
        store.accepted("s-mvd", "MVD", "r-mvd", 2022, day(2022, 11, 20), false, null,
                Entry.of("4-1", ItemStatus.COMPLETED, "Исполнено"));
        store.accepted("s-mz", "MZ", "r-mz", 2022, day(2022, 11, 25), true, null,
                Entry.of("1", ItemStatus.IN_PROGRESS, "В работе"));
        store.rejected("s-almaty", "AKIMAT-ALMATY", 2022, day(2022, 11, 26));
    }

    @BeforeEach
    void start() throws Exception {
        seed(store);
        port = CycleHub.freePort();
        context = CycleHub.start(store.dataSource, withKazakhNames(TestReference.create()), clock, port);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    /** The test reference with Kazakh names, as agencies.yaml has them. */
    static ReferenceData withKazakhNames(ReferenceData reference) {
        List<Agency> agencies = reference.agencies().stream().map(a -> new Agency(a.code(), a.kind(), a.nameRu(),
                "ҚАЗ " + a.nameRu(), "EN " + a.code(), a.aliases(), a.emails(), a.remoteSftp(), a.validFrom(),
                a.validTo(), a.predecessors(), a.certificates(), a.signature())).toList();
        return new ReferenceData(agencies, reference.groups(), reference.plans());
    }

    @Test
    void progressCountsPairsReportedOfThoseOwedWithTheLateOnesApartOverallAndPerSection() throws Exception {
        JsonNode progress = json(get(BASE + "/progress", "mtszn"));

        assertThat(progress.path("overall").path("owed").asInt()).isEqualTo(7);
        assertThat(progress.path("overall").path("reported").asInt()).isEqualTo(2);
        assertThat(progress.path("overall").path("late").asInt()).isEqualTo(1);
        assertThat(progress.path("overall").path("onTime").asInt()).isEqualTo(1);
        assertThat(progress.path("overall").path("missing").asInt()).isEqualTo(5);
        JsonNode sections = progress.path("sections");
        assertThat(sections).hasSize(2);
        assertThat(sections.get(0).path("number").asInt()).isEqualTo(1);
        assertThat(sections.get(0).path("titleRu").asText()).isEqualTo("Совершенствование нормативной правовой базы");
        assertThat(sections.get(0).path("count").path("owed").asInt()).isEqualTo(5);
        assertThat(sections.get(0).path("count").path("reported").asInt()).isEqualTo(2);
        assertThat(sections.get(0).path("count").path("late").asInt()).isEqualTo(1);
        assertThat(sections.get(1).path("count").path("owed").asInt()).isEqualTo(2);
        assertThat(sections.get(1).path("count").path("reported").asInt()).isZero();
    }

    @Test
    void whoStillOwesWhatNamesEachAgencyInThreeLanguagesWithTheItemsItOwes() throws Exception {
        JsonNode owing = json(get(BASE + "/progress", "operator")).path("owing");

        assertThat(owing.findValuesAsText("agency")).containsExactly("MTSZN", "AKIMAT-ASTANA", "AKIMAT-ALMATY", "MZ");
        JsonNode ministry = owing.get(0);
        assertThat(ministry.path("nameRu").asText()).isEqualTo("Министерство труда и социальной защиты населения");
        assertThat(ministry.path("nameKk").asText()).isEqualTo("ҚАЗ Министерство труда и социальной защиты населения");
        assertThat(ministry.path("nameEn").asText()).isEqualTo("EN MTSZN");
        assertThat(ministry.path("items").findValuesAsText("item")).containsExactly("1", "5");
        assertThat(owing.get(2).path("items").get(0).path("status").asText()).isEqualTo("REJECTED_ONLY");
        assertThat(owing.get(1).path("items").get(0).path("status").asText()).isEqualTo("MISSING");
        assertThat(owing.get(3).path("items").findValuesAsText("item")).containsExactly("3");
    }

    @Test
    void daysLeftCountToTenJanuaryByTheHubsClockAndTurnNegativeAfterIt() throws Exception {
        JsonNode before = json(get(BASE + "/progress", "mtszn"));
        assertThat(before.path("dueDate").asText()).isEqualTo("2023-01-10");
        assertThat(before.path("today").asText()).isEqualTo("2022-12-01");
        assertThat(before.path("daysLeft").asLong()).isEqualTo(40);

        clock.set(day(2023, 1, 10));
        assertThat(json(get(BASE + "/progress", "mtszn")).path("daysLeft").asLong()).isZero();
        clock.set(day(2023, 1, 12));
        assertThat(json(get(BASE + "/progress", "mtszn")).path("daysLeft").asLong()).isEqualTo(-2);
    }

    @Test
    void daysCountDocumentsReceivedPerAlmatyDayByStatusAndPairsReportedSoFarAgainstThoseOwed() throws Exception {
        // 20:00 UTC on 20 November is 21 November in Almaty (UTC+6 in 2022): a UTC grouping puts it a day early.
        store.accepted("s-astana", "AKIMAT-ASTANA", "r-astana", 2022, Instant.parse("2022-11-20T20:00:00Z"), false, null,
                Entry.of("2", ItemStatus.COMPLETED, "Исполнено"));
        store.rejected("s-astana-0", "AKIMAT-ASTANA", 2022, Instant.parse("2022-11-21T03:00:00Z"));
        store.rejected("s-astana-00", "AKIMAT-ASTANA", 2022, Instant.parse("2022-11-21T03:00:59Z")); // the same minute
        // A correction: one more document, but the pair counts from its first version (20 November).
        store.accepted("s-mvd-2", "MVD", "r-mvd-2", 2022, day(2022, 11, 28), false, "r-mvd",
                Entry.of("4-1", ItemStatus.COMPLETED, "Исполнено, уточнено"));

        JsonNode days = json(get(BASE + "/days", "mtszn"));

        // From the first document (before the due date's month) to the last day on time; today is 1 December.
        assertThat(days.path("from").asText()).isEqualTo("2022-11-20");
        assertThat(days.path("to").asText()).isEqualTo("2023-01-10");
        assertThat(days.path("zone").asText()).isEqualTo("Asia/Almaty");
        assertThat(days.path("days")).hasSize(52);
        assertThat(days.path("days").get(11).asText()).isEqualTo("2022-12-01");
        assertThat(counts(days.path("received").path("ACCEPTED"), 12)).containsExactly(
                1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0);
        assertThat(counts(days.path("received").path("REJECTED"), 12)).containsExactly(
                0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
        assertThat(days.path("received").path("ACCEPTED").get(12).isNull()).as("after today: no value").isTrue();
        assertThat(days.path("receivedTotal").path("ACCEPTED").asInt()).isEqualTo(4);
        assertThat(days.path("receivedTotal").path("REJECTED").asInt()).isEqualTo(3);
        assertThat(days.path("owed").asInt()).isEqualTo(7);
        assertThat(counts(days.path("reported"), 12)).containsExactly(1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3);
        assertThat(days.path("reported").get(12).isNull()).isTrue();

        assertThat(get(BASE + "/days", "operator").statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/days", "mvd").statusCode()).isEqualTo(403);
    }

    private static List<Integer> counts(JsonNode values, int first) {
        List<Integer> counts = new java.util.ArrayList<>();
        for (int i = 0; i < first; i++) {
            counts.add(values.get(i).asInt());
        }
        return counts;
    }

    @Test
    void anAgencyMayNotReadTheCampaignAndTheAnswerIsAProblem() throws Exception {
        HttpResponse<String> response = get(BASE + "/progress", "mvd");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ApiRouteConfiguration.PROBLEM_JSON);
        assertThat(json(response).path("code").asText()).isNotBlank();
    }

    @Test
    void progressOfAnUnknownPlanIsNotFoundAndOfANonNumericYearABadRequest() throws Exception {
        assertThat(get("/api/plans/nope/years/2022/progress", "mtszn").statusCode()).isEqualTo(404);
        assertThat(get("/api/plans/" + TestReference.PLAN + "/years/next/progress", "mtszn").statusCode())
                .isEqualTo(400);
    }

    @Test
    void meTellsTheConsoleTheRolesAndTheCampaignYearByTheHubsClock() throws Exception {
        JsonNode mtszn = json(get("/api/me", "mtszn"));
        assertThat(mtszn.path("login").asText()).isEqualTo("mtszn");
        assertThat(mtszn.path("roles").toString()).isEqualTo("[\"AGENCY\",\"MTSZN\"]");
        assertThat(mtszn.path("plans").get(0).path("campaignYear").asInt()).isEqualTo(2022);

        clock.set(day(2023, 1, 11)); // 2022 is past; 2023 is not owed (the plan was repealed on 28.12.2023)
        assertThat(json(get("/api/me", "mvd")).path("plans").get(0).path("campaignYear").asInt()).isEqualTo(2022);
        assertThat(json(get("/api/me", "mvd")).path("agency").asText()).isEqualTo("MVD");
        assertThat(get("/api/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void matrixRowsCarryTheAgencyNamesInEachLanguage() throws Exception {
        JsonNode agencies = json(get(BASE + "/matrix", "mtszn")).path("agencies");
        JsonNode mz = element(agencies, "code", "MZ");
        assertThat(mz.path("nameRu").asText()).isEqualTo("Министерство здравоохранения");
        assertThat(mz.path("nameKk").asText()).isEqualTo("ҚАЗ Министерство здравоохранения");
        assertThat(mz.path("nameEn").asText()).isEqualTo("EN MZ");
    }

    @Test
    void theManifestOfAnApprovedPackageIsServedAndADraftHasNone() throws Exception {
        HttpResponse<String> built = post(BASE + "/consolidations", "mtszn");
        String id = json(built).path("id").asText();
        HttpResponse<String> draftManifest = get(BASE + "/consolidations/" + id + "?format=manifest", "mtszn");
        assertThat(draftManifest.statusCode()).isEqualTo(409);

        JsonNode approved = json(post(BASE + "/consolidations/" + id + "/approve", "mtszn"));
        HttpResponse<String> manifest = get(BASE + "/consolidations/" + id + "?format=manifest", "operator");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(Sha256.hex(manifest.body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(approved.path("manifestSha256").asText());
        assertThat(json(manifest).path("documents").findValuesAsText("name"))
                .containsExactly("consolidated-report-" + TestReference.PLAN + "-2022-v1.xml",
                        "consolidated-report-" + TestReference.PLAN + "-2022-v1.json",
                        "consolidated-report-" + TestReference.PLAN + "-2022-v1.pdf");
    }

    @Test
    void theGovernmentReadsTheApprovedPackageWithEachPartAndItsDelivery() throws Exception {
        String id = json(post(BASE + "/consolidations", "mtszn")).path("id").asText();
        assertThat(json(get(BASE + "/consolidations", "government"))).as("a draft is not sent").isEmpty();
        JsonNode approved = json(post(BASE + "/consolidations/" + id + "/approve", "mtszn"));

        JsonNode list = json(get(BASE + "/consolidations", "government"));
        assertThat(list.findValuesAsText("id")).containsExactly(id);
        JsonNode row = list.get(0);
        assertThat(row.path("status").asText()).isEqualTo("APPROVED");
        assertThat(row.path("approvedBy").asText()).isEqualTo("mtszn");
        assertThat(row.path("approvedAt").asText()).isNotBlank();
        assertThat(row.path("agenciesMissing").asInt()).isPositive();
        assertThat(row.path("delivery").findValuesAsText("state")).hasSize(7).containsOnly("SENT");

        String path = BASE + "/consolidations/" + id;
        HttpResponse<byte[]> xml = bytes(path + "?format=xml", "government");
        HttpResponse<byte[]> jsonPart = bytes(path + "?format=json", "government");
        HttpResponse<byte[]> pdf = bytes(path + "?format=pdf", "government");
        HttpResponse<byte[]> manifest = bytes(path + "?format=manifest", "government");
        for (HttpResponse<byte[]> part : List.of(xml, jsonPart, pdf, manifest)) {
            assertThat(part.statusCode()).as(part.uri().toString()).isEqualTo(200);
        }
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        assertThat(new String(xml.body(), StandardCharsets.UTF_8)).startsWith("<?xml").contains("Signature");
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(Json.mapper().readTree(jsonPart.body()).path("consolidationId").asText()).isEqualTo(id);
        assertThat(Sha256.hex(manifest.body())).isEqualTo(approved.path("manifestSha256").asText());
        // Each part the Government downloads is the one the manifest hashes: signed and rendered once, at approval.
        JsonNode documents = Json.mapper().readTree(manifest.body()).path("documents");
        assertThat(documents.findValuesAsText("sha256")).containsExactly(
                Sha256.hex(xml.body()), Sha256.hex(jsonPart.body()), Sha256.hex(pdf.body()));
        // Without a format: the report as the console previews it, with where each part stands.
        assertThat(json(get(path, "government")).path("delivery")).hasSize(7);
    }

    @Test
    void theGovernmentIsRefusedDraftsBuildingApprovingAndTheCampaignAsProblems() throws Exception {
        String first = json(post(BASE + "/consolidations", "mtszn")).path("id").asText();
        json(post(BASE + "/consolidations/" + first + "/approve", "mtszn"));
        store.accepted("s-astana", "AKIMAT-ASTANA", "r-astana", 2022, day(2022, 11, 28), false, null,
                Entry.of("2", ItemStatus.COMPLETED, "Исполнено"));
        String draft = json(post(BASE + "/consolidations", "mtszn")).path("id").asText();
        assertThat(draft).isNotEqualTo(first);

        assertThat(json(get(BASE + "/consolidations", "mtszn")).findValuesAsText("status"))
                .containsExactlyInAnyOrder("APPROVED", "DRAFT");
        assertThat(json(get(BASE + "/consolidations", "government")).findValuesAsText("id")).containsExactly(first);
        String mvdHistory = BASE + "/agencies/MVD/history";
        for (HttpResponse<String> refused : List.of(
                get(BASE + "/consolidations/" + draft, "government"),
                get(BASE + "/consolidations/" + draft + "?format=pdf", "government"),
                get(BASE + "/consolidations/" + draft + "?format=xml", "government"),
                post(BASE + "/consolidations", "government"),
                post(BASE + "/consolidations/" + draft + "/approve", "government"),
                get(BASE + "/progress", "government"),
                get(BASE + "/matrix", "government"),
                get(BASE + "/matrix?format=csv", "government"),
                get(mvdHistory, "government"))) {
            assertThat(refused.statusCode()).as(refused.request().method() + " " + refused.uri()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue(ApiRouteConfiguration.PROBLEM_JSON);
            assertThat(json(refused).path("code").asText()).isEqualTo("forbidden");
        }
        assertThat(store.count("SELECT COUNT(*) FROM consolidation WHERE status = 'APPROVED'")).isEqualTo(1);
        assertThat(json(get("/api/me", "government")).path("roles").toString()).isEqualTo("[\"GOVERNMENT\"]");
    }

    @Test
    void anAgencysHistoryAndMatrixCellListTheirLatestDocumentsAndCountThemAll() throws Exception {
        int sent = CycleApi.HISTORY_KEPT + 5; // after the one rejected document of the setup (26 November)
        for (int i = 0; i < sent; i++) {
            store.rejected("x%03d".formatted(i), "AKIMAT-ALMATY", 2022, day(2022, 12, 1).plusSeconds(i));
        }

        JsonNode history = json(get(BASE + "/agencies/AKIMAT-ALMATY/history", "mtszn"));
        assertThat(history.path("total").asInt()).isEqualTo(sent + 1);
        assertThat(history.path("versions")).hasSize(CycleApi.HISTORY_KEPT);
        assertThat(history.path("versions").get(CycleApi.HISTORY_KEPT - 1).path("submissionId").asText())
                .isEqualTo("x%03d".formatted(sent - 1));
        JsonNode cell = null;
        for (JsonNode c : json(get(BASE + "/matrix", "mtszn")).path("cells")) {
            cell = c.path("agency").asText().equals("AKIMAT-ALMATY") ? c : cell;
        }
        assertThat(cell).isNotNull();
        assertThat(cell.path("status").asText()).isEqualTo("REJECTED_ONLY");
        assertThat(cell.path("submissionCount").asInt()).isEqualTo(sent + 1);
        assertThat(cell.path("submissions")).hasSize(YearState.VERSIONS_KEPT);
    }

    private static Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(10, 0).atZone(ZoneId.of("Asia/Almaty")).toInstant();
    }

    private HttpResponse<String> get(String path, String login) throws Exception {
        return CycleHub.get(http, port, path, login);
    }

    private HttpResponse<byte[]> bytes(String path, String login) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", CycleHub.authorization(login)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(String path, String login) throws Exception {
        return CycleHub.post(http, port, path, login);
    }
}
