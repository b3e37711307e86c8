package kz.gov.safework.cycle;

import static kz.gov.safework.cycle.ConsolidatedSchemas.item;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.StoreFixture.Entry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import kz.gov.safework.testing.MutableClock;

/**
 * Done-when of issue 6: one reporting year (2022) driven by the clock from 1 December to the end of
 * January, with a restart in the middle. Agencies: MTSZN on time, MZ on time then corrected, AKIMAT-ASTANA
 * rejected then on time, MVD late, AKIMAT-ALMATY never.
 */
class ReportingYearTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final int YEAR = 2022;
    private static final String BASE = "/api/plans/" + TestReference.PLAN + "/years/" + YEAR;

    private final ReferenceData reference = TestReference.create();
    private final StoreFixture store = new StoreFixture("year-" + UUID.randomUUID());
    private final MutableClock clock = new MutableClock(day(2022, 12, 1));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private CamelContext context;
    private int port;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void drivesAFullReportingYearFromRemindersToTheGovernmentOutbox() throws Exception {
        port = CycleHub.freePort();
        context = CycleHub.start(store.dataSource, reference, clock, port);

        // MZ's report for 2021 marked item 3 (due in 2021) completed: its obligation ended, so 2022 does not ask
        // for it again (an unfinished one would be asked: see ObligationsTest).
        store.accepted("s-mz-2021", "MZ", "r-mz-2021", YEAR - 1, day(2022, 1, 5), false, null,
                Entry.of("3", ItemStatus.COMPLETED, "Концепция одобрена"));
        // 1 December: nothing is due yet.
        ticks("cycle-reminders", 3);
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder")).isZero();
        store.accepted("s-mtszn", "MTSZN", "r-mtszn", YEAR, day(2022, 12, 15), false, null,
                new Entry("1", ItemStatus.IN_PROGRESS, "Разработан проект закона об охране труда", null, null, null,
                        new BigDecimal("1500.000"), new BigDecimal("800.000")),
                new Entry("5", ItemStatus.COMPLETED, "Проведена информационная кампания", "приказ", "15-П",
                        LocalDate.of(2022, 11, 30), new BigDecimal("200.000"), new BigDecimal("180.500")));

        // 21 December (due date -20 days): everyone but MTSZN is reminded, by e-mail where there is an address.
        clock.set(day(2022, 12, 21));
        await().atMost(10, SECONDS).until(() -> store.count("SELECT COUNT(*) FROM cycle_reminder") == 4);
        ticks("cycle-reminders", 3);
        ticks("cycle-outbox-relay", 2); // e-mail reminders leave through their outbox on the relay's tick
        MockEndpoint mail = mock("mock:mail");
        assertThat(mail.getReceivedCounter()).isEqualTo(2);
        assertThat(mail.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("Message-ID", String.class))
                .allMatch(id -> id.matches("<reminder\\.[0-9a-f]{40}@hub\\.local>")).doesNotHaveDuplicates();
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder WHERE channel = 'EMAIL' AND delivered_at IS NULL"))
                .isZero();
        assertThat(mail.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("To", String.class))
                .containsExactlyInAnyOrder("mz@gov.test", "akimat@astana.test");
        String mzMail = mail.getReceivedExchanges().stream()
                .filter(e -> "mz@gov.test".equals(e.getMessage().getHeader("To"))).findFirst().orElseThrow()
                .getMessage().getBody(String.class);
        assertThat(mzMail).contains("Не получены сведения по пунктам", "п. 1 — Совершенствование законодательства",
                "Құрметті әріптестер", "Items still missing: 1.").doesNotContain("п. 5");
        assertThat(mock("mock:receipts.MVD").getReceivedCounter()).isEqualTo(1);
        assertThat(mock("mock:receipts.AKIMAT-ALMATY").getReceivedCounter()).isEqualTo(1);
        JsonNode mvdReminder = Json.mapper().readTree(
                mock("mock:receipts.MVD").getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(mvdReminder.path("type").asText()).isEqualTo("REMINDER");
        assertThat(mvdReminder.path("missingItems").toString()).isEqualTo("[\"4-1\"]");
        assertThat(mvdReminder.path("offsetDays").asInt()).isEqualTo(-20);

        // The hub restarts on the same day: nothing goes out again.
        restart();
        ticks("cycle-reminders", 3);
        ticks("cycle-outbox-relay", 2);
        assertThat(mock("mock:mail").getReceivedCounter()).isZero();
        assertThat(mock("mock:receipts.MVD").getReceivedCounter()).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder")).isEqualTo(4);
        assertThat(store.count("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'cycle'"))
                .as("triggers kept in the Quartz JDBC store").isEqualTo(2);

        store.accepted("s-mz1", "MZ", "r-mz1", YEAR, day(2022, 12, 28), false, null,
                Entry.of("1", ItemStatus.IN_PROGRESS, "Подготовлены предложения в проект закона"));
        store.rejected("s-ast-rejected", "AKIMAT-ASTANA", YEAR, day(2022, 12, 30));

        // 5 January (-5 days): the agencies still owing, the one with a rejected attempt included.
        clock.set(day(2023, 1, 5));
        await().atMost(10, SECONDS).until(() -> store.count("SELECT COUNT(*) FROM cycle_reminder") == 7);
        assertThat(json(get(BASE + "/matrix", "operator"), 200).path("cells").toString())
                .contains("{\"agency\":\"AKIMAT-ASTANA\",\"item\":\"2\",\"status\":\"REJECTED_ONLY\"");
        store.accepted("s-ast", "AKIMAT-ASTANA", "r-ast", YEAR, day(2023, 1, 8), false, null,
                new Entry("2", ItemStatus.COMPLETED, "Проведено 120 проверок", "справка", "7", LocalDate.of(2023, 1, 6),
                        null, null));

        // 11 January (+1 day): overdue notices to the two still missing.
        clock.set(day(2023, 1, 11));
        await().atMost(10, SECONDS).until(() -> store.count("SELECT COUNT(*) FROM cycle_reminder") == 9);
        ticks("cycle-reminders", 3);
        ticks("cycle-outbox-relay", 2);
        assertThat(mock("mock:mail").getReceivedCounter()).isEqualTo(1);
        assertThat(mock("mock:receipts.AKIMAT-ALMATY").getReceivedCounter()).isEqualTo(2);
        assertThat(mock("mock:receipts.MVD").getReceivedCounter()).isEqualTo(2);
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder WHERE agency = 'AKIMAT-ALMATY'")).isEqualTo(3);
        store.accepted("s-mvd", "MVD", "r-mvd", YEAR, day(2023, 1, 15), true, null,
                Entry.of("4-1", ItemStatus.IN_PROGRESS, "Проводятся рейды на транспорте"));

        // 20 January: the schedule builds the draft by itself.
        clock.set(day(2023, 1, 20));
        // (11 January already had one, from the reports then; the new one replaces it)
        await().atMost(10, SECONDS).untilAsserted(() -> assertThat(json(get(BASE + "/consolidations", "mtszn"), 200).get(0)
                .path("agenciesLate").asInt()).isEqualTo(1));
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder")).isEqualTo(9);

        Map<String, String> cells = cellStatuses(json(get(BASE + "/matrix", "operator"), 200));
        assertThat(cells).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MTSZN/1", "ACCEPTED", "MZ/1", "ACCEPTED", "AKIMAT-ASTANA/2", "ACCEPTED",
                "AKIMAT-ALMATY/2", "MISSING", "MVD/4-1", "ACCEPTED_LATE", "MTSZN/5", "ACCEPTED"));
        String csv = get(BASE + "/matrix?format=csv", "operator").body();
        assertThat(csv.lines()).contains("AKIMAT-ALMATY,2,MISSING,false,,,OWES,,0",
                "MVD,4-1,ACCEPTED_LATE,true,s-mvd,s-mvd,OWES,,1");
        assertThat(cellStatuses(json(get(BASE + "/matrix", "mvd"), 200))).containsOnlyKeys("MVD/4-1");

        JsonNode list = json(get(BASE + "/consolidations", "mtszn"), 200);
        assertThat(list.findValuesAsText("status")).containsExactly("DRAFT", "SUPERSEDED");
        JsonNode draft = list.get(0);
        String draftId = draft.path("id").asText();
        assertThat(draft.path("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.path("createdBy").asText()).isEqualTo(Consolidations.SYSTEM);

        // Approval: only MTSZN; the package reaches the outbox.
        assertThat(post(BASE + "/consolidations/" + draftId + "/approve", "operator").statusCode()).isEqualTo(403);
        MockEndpoint outbox = mock("mock:outbox");
        JsonNode approved = json(post(BASE + "/consolidations/" + draftId + "/approve", "mtszn"), 200);
        assertThat(approved.path("version").asInt()).isEqualTo(1);
        assertThat(outbox.getReceivedCounter()).isEqualTo(7);
        Map<String, Exchange> v1 = parts(outbox, 1);
        assertThat(v1).containsOnlyKeys("xml", "json", "pdf", "manifest", "manifest-sha256", "json-signature",
                "manifest-signature");

        ConsolidatedSchemas.validXml(bytes(v1.get("xml")));
        JsonNode report = Json.mapper().readTree(bytes(v1.get("json")));
        ConsolidatedSchemas.validJson(report);
        assertThat(report.path("summary").path("agenciesMissing").asInt()).isEqualTo(1);
        assertThat(report.path("summary").path("agenciesLate").asInt()).isEqualTo(1);
        assertThat(report.path("summary").path("completed").asInt()).isEqualTo(1); // item 5; item 2 lacks ALMATY
        JsonNode item1 = item(report, "1");
        assertThat(item1.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(item1.path("planned").decimalValue()).isEqualByComparingTo("1500");
        assertThat(item1.path("actual").decimalValue()).isEqualByComparingTo("800");
        assertThat(item(report, "2").path("allReported").asBoolean()).isFalse();
        assertThat(item(report, "5").path("agencies").get(0).path("completionDocument").path("number").asText())
                .isEqualTo("15-П");

        JsonNode manifest = Json.mapper().readTree(bytes(v1.get("manifest")));
        assertThat(manifest.path("submissions").findValuesAsText("submissionId"))
                .containsExactlyInAnyOrder("s-mtszn", "s-mz1", "s-ast", "s-mvd");
        assertThat(manifest.path("submissions").findValuesAsText("sha256")).contains(Sha256.hex("s-mvd"));
        assertThat(manifest.path("documents").findValuesAsText("sha256"))
                .containsExactly(Sha256.hex(bytes(v1.get("xml"))), Sha256.hex(bytes(v1.get("json"))),
                        Sha256.hex(bytes(v1.get("pdf"))));
        String manifestHash = Sha256.hex(bytes(v1.get("manifest")));
        assertThat(new String(bytes(v1.get("manifest-sha256")), StandardCharsets.UTF_8)).startsWith(manifestHash + "  ");
        assertThat(approved.path("manifestSha256").asText()).isEqualTo(manifestHash);

        String pdfText = pdfText(bytes(v1.get("pdf")));
        assertThat(pdfText).contains("Сводная информация о ходе исполнения",
                "Комплексный план «Безопасный труд» до 2025 года", "за 2022 год", "Версия 1",
                "Не представили информацию: Акимат города Алматы",
                "Представили с нарушением срока: Министерство внутренних дел",
                "Раздел 1. Совершенствование нормативной правовой базы", "Разработан проект закона об охране труда",
                "Проводятся рейды на транспорте", "В процессе исполнения", "Исполнено", "Информация не представлена",
                "Представление информации ответственными органами");

        // A correction after approval: MZ completes item 1; version 2 says what changed.
        store.accepted("s-mz2", "MZ", "r-mz2", YEAR, day(2023, 1, 25), true, "r-mz1",
                new Entry("1", ItemStatus.COMPLETED, "Закон принят", "закон", "123-VII", LocalDate.of(2023, 1, 20),
                        null, null));
        clock.set(day(2023, 1, 25));
        JsonNode history = json(get(BASE + "/agencies/MZ/history", "mz"), 200);
        assertThat(history.path("versions").findValuesAsText("submissionId")).containsExactly("s-mz1", "s-mz2");
        assertThat(history.path("versions").get(0).path("items").get(0).path("current").asBoolean()).isFalse();
        assertThat(history.path("versions").get(1).path("items").get(0).path("current").asBoolean()).isTrue();
        assertThat(history.path("versions").get(1).path("correctionOf").asText()).isEqualTo("r-mz1");
        assertThat(get(BASE + "/agencies/MZ/history", "mvd").statusCode()).isEqualTo(403);

        HttpResponse<String> built = post(BASE + "/consolidations", "mtszn");
        assertThat(built.statusCode()).isIn(200, 201); // 200 when the schedule was first with the same inputs
        JsonNode second = json(built, built.statusCode());
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(post(BASE + "/consolidations/" + draftId + "/approve", "mtszn").statusCode()).isEqualTo(409);
        json(post(BASE + "/consolidations/" + second.path("id").asText() + "/approve", "mtszn"), 200);
        assertThat(outbox.getReceivedCounter()).isEqualTo(14);
        Map<String, Exchange> v2 = parts(outbox, 2);
        ConsolidatedSchemas.validXml(bytes(v2.get("xml")));
        JsonNode report2 = Json.mapper().readTree(bytes(v2.get("json")));
        ConsolidatedSchemas.validJson(report2);
        assertThat(report2.path("previousVersion").asInt()).isEqualTo(1);
        // MTSZN's part of item 1 is still in progress, so the item's own status does not change.
        assertThat(report2.path("changes").toString()).isEqualTo("[{\"item\":\"1\",\"agency\":\"MZ\","
                + "\"kind\":\"CORRECTED\",\"before\":\"IN_PROGRESS (s-mz1)\",\"after\":\"COMPLETED (s-mz2)\"}]");
        assertThat(item(report2, "1").path("agencies").findValuesAsText("cell")).containsExactly("ACCEPTED", "CORRECTED");
        assertThat(Json.mapper().readTree(bytes(v2.get("manifest"))).path("submissions").findValuesAsText("submissionId"))
                .contains("s-mz2").doesNotContain("s-mz1");
        assertThat(pdfText(bytes(v2.get("pdf")))).contains("Версия 2", "Изменения по сравнению с версией 1",
                "Закон принят", "информация исправлена",
                "Министерство здравоохранения информация исправлена в процессе исполнения (s-mz1) исполнено (s-mz2)");
        assertThat(store.count("SELECT COUNT(*) FROM cycle_reminder")).isEqualTo(9);
    }

    // --- helpers ---

    private static Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(10, 0).atZone(ALMATY).toInstant();
    }

    /** Stops the context and starts another one (with another name) on the same database. */
    private void restart() throws Exception {
        context.stop();
        context = CycleHub.start(store.dataSource, reference, clock, port, "restarted-hub");
    }

    /** Waits until the route has run {@code n} more times. */
    private void ticks(String routeId, int n) {
        NotifyBuilder notify = new NotifyBuilder(context).fromRoute(routeId).whenDone(n).create();
        assertThat(notify.matches(20, SECONDS)).as("%d ticks of %s", n, routeId).isTrue();
    }

    private MockEndpoint mock(String uri) {
        return context.getEndpoint(uri, MockEndpoint.class);
    }

    private static Map<String, Exchange> parts(MockEndpoint outbox, int version) {
        return outbox.getReceivedExchanges().stream()
                .filter(e -> Integer.valueOf(version).equals(e.getMessage().getHeader(CycleRoutes.H_VERSION, Integer.class)))
                .collect(Collectors.toMap(e -> e.getMessage().getHeader(CycleRoutes.H_PART, String.class), e -> e));
    }

    private static byte[] bytes(Exchange e) {
        return e.getMessage().getBody(byte[].class);
    }

    private static Map<String, String> cellStatuses(JsonNode matrix) {
        Map<String, String> statuses = new java.util.HashMap<>();
        matrix.path("cells").forEach(c -> statuses.put(c.path("agency").asText() + "/" + c.path("item").asText(),
                c.path("status").asText()));
        return statuses;
    }

    /** Renders the first page (it must not be blank) and returns the text of the whole document. */
    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 50);
            int dark = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    if ((page.getRGB(x, y) & 0xFF) < 128) {
                        dark++;
                    }
                }
            }
            assertThat(dark).as("dark pixels on the title page").isGreaterThan(500);
            assertThat(document.getNumberOfPages()).isGreaterThan(3);
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private HttpResponse<String> get(String path, String login) throws Exception {
        return CycleHub.get(http, port, path, login);
    }

    private HttpResponse<String> post(String path, String login) throws Exception {
        return CycleHub.post(http, port, path, login);
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Json.mapper().readTree(response.body());
    }

}
