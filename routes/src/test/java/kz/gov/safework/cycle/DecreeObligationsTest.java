package kz.gov.safework.cycle;

import static kz.gov.safework.cycle.ConsolidatedSchemas.item;
import kz.gov.safework.store.SubmissionStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.Obligations.Obligation;
import kz.gov.safework.cycle.StoreFixture.Entry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The rules of routes/CYCLE.md on the decree itself (config/agencies.yaml and config/plans/): who owes what in
 * 2021 and 2022, the regions formed in 2022, item 9, the items the 2022 amendment inserted, an item completed in
 * 2021, the contributors, and the decree's own amounts of items 20, 21, 22, 22-1 and 28 in a consolidated report.
 */
class DecreeObligationsTest {
    private static final ReferenceData DECREE = ReferenceData.load(Path.of("..", "config"));
    private static final Plan PLAN = DECREE.plan("safe-labor-2021-2025").orElseThrow();
    private static final List<String> NEW_REGIONS = List.of("AKIMAT-ABAI", "AKIMAT-ZHETYSU", "AKIMAT-ULYTAU");
    private static final List<String> INSERTED = List.of("4-1", "4-2", "4-3", "12-1", "22-1", "28-1");

    private final Obligations obligations = new Obligations(DECREE);
    private final StoreFixture store = new StoreFixture("decree-" + UUID.randomUUID());
    private final CycleData data = new CycleData(DECREE, new CycleStore(store.dataSource),
            new SubmissionStore(store.dataSource, Clock.systemUTC()),
            Clock.fixed(Instant.parse("2023-01-20T00:00:00Z"), ZoneOffset.UTC), ZoneId.of("Asia/Almaty"));

    /** agency -> "owes/byAgreement/contributes" counts, printed so that a reader sees the whole set. */
    private Map<String, String> countsPerAgency(int year) {
        Map<String, String> counts = new TreeMap<>();
        Map<String, List<Obligation>> byAgency = obligations.owed(PLAN, year).stream()
                .collect(Collectors.groupingBy(Obligation::agency));
        byAgency.forEach((agency, list) -> counts.put(agency, count(list, ObligationKind.OWES) + "/"
                + count(list, ObligationKind.BY_AGREEMENT) + "/" + count(list, ObligationKind.CONTRIBUTES)));
        System.out.println("Owed in " + year + " (owes/byAgreement/contributes) per agency: " + counts);
        return counts;
    }

    private static long count(List<Obligation> list, ObligationKind kind) {
        return list.stream().filter(o -> o.kind() == kind).count();
    }

    private List<String> items(int year, String agency, ObligationKind kind) {
        return obligations.owed(PLAN, year).stream().filter(o -> o.agency().equals(agency) && o.kind() == kind)
                .map(o -> o.item().number()).toList();
    }

    @Test
    void theOwedSetsOf2021And2022() {
        Map<String, String> y2021 = countsPerAgency(2021);
        Map<String, String> y2022 = countsPerAgency(2022);
        // 2021: the original items, all in force from 2021 whatever their deadline year; every akimat owes
        // 14, 15, 16, 24, 25, 26 and 28 ("акиматы областей, городов Нур-Султана, Алматы и Шымкента").
        assertThat(items(2021, "MTSZN", ObligationKind.OWES)).doesNotContainAnyElementsOf(INSERTED)
                .contains("1", "2", "5", "9", "20", "21", "22", "28");
        assertThat(items(2021, "AKIMAT-KARAGANDA", ObligationKind.OWES))
                .containsExactly("14", "15", "16", "24", "25", "26", "28");
        assertThat(items(2022, "AKIMAT-KARAGANDA", ObligationKind.OWES))
                .containsExactly("14", "15", "16", "24", "25", "26", "28");
        assertThat(y2021).hasSize(y2022.size() - NEW_REGIONS.size());
        // 2022: nothing was reported completed, so everything asked in 2021 is asked again, plus the six inserted.
        assertThat(items(2022, "MTSZN", ObligationKind.OWES))
                .hasSize(items(2021, "MTSZN", ObligationKind.OWES).size() + INSERTED.size());
        // Nobody owes anything for 2023: its due date (10.01.2024) falls after the repeal (28.12.2023).
        assertThat(obligations.owed(PLAN, 2023)).isEmpty();
    }

    @Test
    void theRegionsFormedIn2022OweFrom2022AndTheirParentsCover2021() {
        assertThat(obligations.owed(PLAN, 2021)).extracting(Obligation::agency).doesNotContainAnyElementsOf(NEW_REGIONS);
        for (String region : NEW_REGIONS) {
            assertThat(items(2022, region, ObligationKind.OWES)).containsExactly("14", "15", "16", "24", "25", "26", "28");
        }
        for (String parent : List.of("AKIMAT-EAST-KAZAKHSTAN", "AKIMAT-ALMATY-REGION", "AKIMAT-KARAGANDA")) {
            assertThat(items(2021, parent, ObligationKind.OWES)).hasSize(7);
        }
        YearState state = data.state(PLAN, 2021);
        assertThat(state.cells()).extracting(CellState::agency).doesNotContainAnyElementsOf(NEW_REGIONS);
        assertThat(new Reminders(data, ReminderSchedule.parse("-20d"), true).remindersFor(state, -20))
                .extracting(Reminder::agency).doesNotContainAnyElementsOf(NEW_REGIONS);
    }

    @Test
    void item9IsOwedByMtsznAloneTheOtherCentralBodiesMayContribute() {
        for (int year : List.of(2021, 2022)) {
            List<Obligation> item9 = obligations.owed(PLAN, year).stream()
                    .filter(o -> o.item().number().equals("9")).toList();
            assertThat(item9).filteredOn(Obligation::required).extracting(Obligation::agency).containsExactly("MTSZN");
            assertThat(item9).filteredOn(o -> !o.required()).extracting(Obligation::agency)
                    .containsExactly("ME", "MSKH", "MZ", "MIIR", "MCHS", "ARRFN", "BNS-ASPR");
        }
    }

    @Test
    void theItemsInsertedIn2022AreOwedFrom2022ThoughTheirDeadlinesAreIn2023() {
        assertThat(obligations.owed(PLAN, 2021)).extracting(o -> o.item().number()).doesNotContainAnyElementsOf(INSERTED);
        assertThat(items(2022, "MTSZN", ObligationKind.OWES)).containsAll(INSERTED);
        assertThat(obligations.owed(PLAN, 2022)).extracting(Obligation::agency, o -> o.item().number(), Obligation::kind)
                .contains(tuple("EMPLOYERS", "4-1", ObligationKind.BY_AGREEMENT),
                        tuple("RNIIOT", "22-1", ObligationKind.CONTRIBUTES));
    }

    @Test
    void afkRniiotAndItecaOnlyContribute() {
        for (int year : List.of(2021, 2022)) {
            assertThat(obligations.owed(PLAN, year)).filteredOn(o -> List.of("AFK", "RNIIOT", "ITECA").contains(o.agency()))
                    .isNotEmpty().allSatisfy(o -> assertThat(o.kind()).isEqualTo(ObligationKind.CONTRIBUTES));
        }
    }

    @Test
    void anItemCompletedIn2021IsNotOwedIn2022AndAnUnfinishedOneIs() {
        // Items 5 ("ноябрь 2021 года") and 1 ("2021 год"), both MTSZN's.
        store.accepted("s-2021", "MTSZN", "r-2021", 2021, Instant.parse("2022-01-05T05:00:00Z"), false, null,
                Entry.of("5", ItemStatus.COMPLETED, "Приказ издан"), Entry.of("1", ItemStatus.IN_PROGRESS, "Проект"));
        YearState y2022 = data.state(PLAN, 2022);
        assertThat(y2022.cellsOf("MTSZN")).extracting(c -> c.item().number()).doesNotContain("5").contains("1");
        assertThat(y2022.cellsOf("EMPLOYERS")).extracting(c -> c.item().number())
                .as("the employers did not report item 5 completed").contains("5");
    }

    @Test
    void contributorsAreNeverMissingNorRemindedAndByAgreementOnlyWhenConfigured() {
        YearState state = data.state(PLAN, 2022);
        assertThat(state.cells()).filteredOn(c -> c.kind() == ObligationKind.CONTRIBUTES)
                .isNotEmpty().allSatisfy(c -> assertThat(c.status()).isEqualTo(CellStatus.NOT_REQUIRED));
        List<Reminder> without = new Reminders(data, ReminderSchedule.parse("-20d"), false).remindersFor(state, -20);
        assertThat(without).extracting(Reminder::agency).doesNotContain("AFK", "RNIIOT", "ITECA", "EMPLOYERS",
                "TRADE-UNIONS").contains("MTSZN", "AKIMAT-ULYTAU");
        assertThat(without).filteredOn(r -> r.agency().equals("MZ")).singleElement()
                .satisfies(r -> assertThat(r.missingItems()).doesNotContain("9"));
        List<Reminder> with = new Reminders(data, ReminderSchedule.parse("-20d"), true).remindersFor(state, -20);
        assertThat(with).extracting(Reminder::agency).contains("EMPLOYERS", "TRADE-UNIONS")
                .doesNotContain("AFK", "RNIIOT", "ITECA");
    }

    @Test
    void theConsolidatedReportCarriesTheDecreesAmountsBesideTheReportedOnesForTheYearAndCumulatively()
            throws Exception {
        store.accepted("s-2021", "MTSZN", "r-2021", 2021, Instant.parse("2022-01-05T05:00:00Z"), false, null,
                new Entry("20", ItemStatus.IN_PROGRESS, "НИР начата", null, null, null, new BigDecimal("100000"),
                        new BigDecimal("90000")),
                new Entry("28", ItemStatus.IN_PROGRESS, "Кампания", null, null, null, new BigDecimal("20000"),
                        new BigDecimal("15000")));
        store.accepted("s-2022", "MTSZN", "r-2022", 2022, Instant.parse("2023-01-05T05:00:00Z"), false, null,
                new Entry("20", ItemStatus.IN_PROGRESS, "НИР продолжается", null, null, null, new BigDecimal("130000"),
                        new BigDecimal("125000")),
                new Entry("21", ItemStatus.IN_PROGRESS, "НИР", null, null, null, new BigDecimal("160000"),
                        new BigDecimal("150000")),
                new Entry("22", ItemStatus.COMPLETED, "Исследование", null, null, null, new BigDecimal("15000"),
                        new BigDecimal("14800")),
                new Entry("22-1", ItemStatus.IN_PROGRESS, "Предложения", null, null, null, new BigDecimal("120000"),
                        new BigDecimal("119000")),
                new Entry("28", ItemStatus.IN_PROGRESS, "Кампания", null, null, null, new BigDecimal("21000"),
                        new BigDecimal("20000")));
        store.accepted("s-rniiot", "RNIIOT", "r-rniiot", 2022, Instant.parse("2023-01-06T05:00:00Z"), false, null,
                Entry.of("20", ItemStatus.IN_PROGRESS, "Отчёт института"));

        ConsolidatedReport report = new Consolidator(DECREE).build(data.state(PLAN, 2022), "c-1",
                Instant.parse("2023-01-20T00:00:00Z"), null);
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(report));
        ConsolidatedSchemas.validJson(json);
        assertAmounts(json, "20", "230000", "130000", "125000", "230000", "215000");
        assertAmounts(json, "21", "482500", "160000", "150000", "160000", "150000");
        assertAmounts(json, "22", "15000", "15000", "14800", "15000", "14800");
        assertAmounts(json, "22-1", "359536", "120000", "119000", "120000", "119000");
        assertAmounts(json, "28", "85200", "21000", "20000", "41000", "35000");
        assertThat(item(json, "20").path("decree").path("source").asText()).contains("бюджетная программа 034");
        assertThat(item(json, "1").has("decree")).as("\"не требуются\"").isFalse();
        // A contributor that reported appears beside MTSZN; the silent ones (item 9's bodies) do not.
        assertThat(item(json, "20").path("agencies").findValuesAsText("agency")).containsExactly("MTSZN", "RNIIOT");
        assertThat(item(json, "9").path("agencies").findValuesAsText("agency")).containsExactly("MTSZN");
        assertThat(json.path("agencies").findValuesAsText("agency")).doesNotContain("AFK", "ITECA")
                .contains("ARRFN", "RNIIOT");

        String xml = ConsolidatedXml.write(report);
        ConsolidatedSchemas.validXml(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(xml).contains("<item number=\"20\"", "plannedCumulative=\"230000.000\"", "actualCumulative=\"215000.000\"",
                "<decreeFinancing total=\"230000\"", "<decreeFinancing total=\"359536\"",
                "<decreeFinancing total=\"85200\"");

        String pdf = pdfText(new ConsolidatedPdf(ZoneId.of("Asia/Almaty")).render(report, "проект"));
        assertThat(pdf).contains("Финансирование: предусмотрено Планом действий и представлено органами",
                "230000.0 130000.0 125000.0 230000.0 215000.0", "482500.0 160000.0 150000.0 160000.0 150000.0",
                "85200.0 21000.0 20000.0 41000.0 35000.0");
    }

    private static void assertAmounts(JsonNode report, String number, String decreeTotal, String reportedPlanned,
                                      String actual, String plannedCumulative, String actualCumulative) {
        JsonNode item = item(report, number);
        assertThat(item.path("decree").path("total").decimalValue()).as(number + " decree total")
                .isEqualByComparingTo(decreeTotal);
        assertThat(item.path("reportedPlanned").decimalValue()).as(number + " planned").isEqualByComparingTo(reportedPlanned);
        assertThat(item.path("actual").decimalValue()).as(number + " actual").isEqualByComparingTo(actual);
        assertThat(item.path("plannedCumulative").decimalValue()).as(number + " planned, cumulative")
                .isEqualByComparingTo(plannedCumulative);
        assertThat(item.path("actualCumulative").decimalValue()).as(number + " actual, cumulative")
                .isEqualByComparingTo(actualCumulative);
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
