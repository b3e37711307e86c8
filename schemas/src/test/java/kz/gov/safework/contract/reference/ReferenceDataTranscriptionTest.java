package kz.gov.safework.contract.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.gov.safework.contract.reference.Deadline.DeadlineKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the transcription of decree No. 419 (as amended by No. 245) in config/: if an edit to the YAML
 * changes what the decree says, one of these fails.
 */
class ReferenceDataTranscriptionTest {
    private static final String E = "EMPLOYERS-ASSOCIATIONS";
    private static final String T = "TRADE-UNION-ASSOCIATIONS";

    private static ReferenceData data;
    private static Plan plan;

    @BeforeAll
    static void load() {
        data = ReferenceData.load(ConfigDir.real());
        plan = data.plan("safe-labor-2021-2025").orElseThrow();
    }

    private static PlanItem item(String number) {
        return plan.item(number).orElseThrow(() -> new AssertionError("no item " + number));
    }

    @Test
    void planHasAllThirtyFourItemsInTheDecreesOrder() {
        assertThat(plan.items()).extracting(PlanItem::number).containsExactly(
                "1", "2", "3", "4", "4-1", "4-2", "4-3",
                "5", "6", "7", "8", "9", "10", "11", "12", "12-1",
                "13", "14", "15", "16", "17", "18", "19",
                "20", "21", "22", "22-1",
                "23", "24", "25", "26", "27", "28", "28-1");
    }

    @Test
    void itemsSitInTheirSections() {
        assertThat(plan.sections()).extracting(Section::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(plan.items().stream().collect(Collectors.groupingBy(PlanItem::section, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(1, 7L, 2, 9L, 3, 7L, 4, 4L, 5, 7L));
        assertThat(plan.sections().get(3).titleRu())
                .isEqualTo("Научные и аналитические исследования в области безопасности и охраны труда, внедрение их результатов");
    }

    @Test
    void planRecordsApprovalAmendmentRepealAndReportingRule() {
        assertThat(plan.approved().date()).isEqualTo(LocalDate.of(2021, 6, 17));
        assertThat(plan.approved().number()).isEqualTo("419");
        assertThat(plan.amendments()).singleElement().satisfies(act -> {
            assertThat(act.date()).isEqualTo(LocalDate.of(2022, 4, 25));
            assertThat(act.number()).isEqualTo("245");
            assertThat(act.addedItems()).containsExactly("4-1", "4-2", "4-3", "12-1", "22-1", "28-1");
        });
        assertThat(plan.repealed().date()).isEqualTo(LocalDate.of(2023, 12, 28));
        assertThat(plan.repealed().number()).isEqualTo("1182");
        assertThat(plan.reporting().agencyDueDate(2021)).isEqualTo(LocalDate.of(2022, 1, 10));
        assertThat(plan.reporting().consolidatedDueDate(2021)).isEqualTo(LocalDate.of(2022, 2, 1));
        assertThat(plan.firstReportingYear()).isEqualTo(2021);
        assertThat(plan.lastReportingYear()).isEqualTo(2025);
    }

    @Test
    void onlyTheItemsAddedIn2022AreInForceFrom2022() {
        assertThat(plan.items()).filteredOn(i -> i.inForceFromYear() == 2022)
                .extracting(PlanItem::number, PlanItem::addedBy)
                .containsExactly(tuple("4-1", "245"), tuple("4-2", "245"), tuple("4-3", "245"),
                        tuple("12-1", "245"), tuple("22-1", "245"), tuple("28-1", "245"));
        assertThat(plan.items()).filteredOn(i -> i.inForceFromYear() != 2022)
                .allSatisfy(i -> {
                    assertThat(i.inForceFromYear()).isEqualTo(2021);
                    assertThat(i.addedBy()).isNull();
                });
    }

    @Test
    void item20IsMtsznWithRniiotFundedBy230MillionFromProgramme034() {
        PlanItem item = item("20");
        assertThat(item.responsible()).containsExactly(new Responsible("MTSZN", false), new Responsible("RNIIOT", false, true));
        assertThat(item.deadline()).isEqualTo(new Deadline(DeadlineKind.YEAR_RANGE, 2021, 2023, null, null, "2021 – 2023 годы"));
        assertThat(item.financing().required()).isTrue();
        assertThat(item.financing().total()).isEqualByComparingTo("230000");
        assertThat(item.financing().source()).contains("034", "Прикладные научные исследования в области охраны труда");
        assertThat(item.financing().original()).contains("230 000 тыс. тенге", "вне конкурсных процедур");
        assertThat(item.formRu()).isEqualTo(
                "предложения по внедрению результатов научно-исследовательских работ в трудовое законодательство");
    }

    @Test
    void item21IsMtsznAloneWith482AndAHalfMillionFromProgramme034() {
        PlanItem item = item("21");
        assertThat(item.responsible()).containsExactly(new Responsible("MTSZN", false));
        assertThat(item.deadline().fromYear()).isEqualTo(2022);
        assertThat(item.deadline().toYear()).isEqualTo(2024);
        assertThat(item.financing().total()).isEqualByComparingTo("482500");
        assertThat(item.financing().original()).contains("482 500 тыс. тенге", "в рамках конкурсных процедур");
    }

    @Test
    void item22IsMtsznWith15MillionFromProgramme001DueDecember2022() {
        PlanItem item = item("22");
        assertThat(item.responsible()).containsExactly(new Responsible("MTSZN", false));
        assertThat(item.deadline()).isEqualTo(new Deadline(DeadlineKind.MONTH, 2022, 2022, 12, null, "декабрь 2022 года"));
        assertThat(item.financing().total()).isEqualByComparingTo("15000");
        assertThat(item.financing().source()).startsWith("бюджетная программа 001");
    }

    @Test
    void item22dash1HasRniiotByAgreementAndAbout360MillionFromProgramme034() {
        PlanItem item = item("22-1");
        assertThat(item.responsible()).containsExactly(new Responsible("MTSZN", false), new Responsible("RNIIOT", true, true));
        assertThat(item.financing().amounts()).containsExactly(new Financing.Amount(null, new BigDecimal("359536")));
        assertThat(item.financing().total()).isEqualByComparingTo("359536");
        assertThat(item.financing().original()).contains("359536 тысяч тенге");
        assertThat(item.inForceFromYear()).isEqualTo(2022);
        assertThat(item.deadline().fromYear()).isEqualTo(2022);
        assertThat(item.deadline().toYear()).isEqualTo(2024);
    }

    @Test
    void item28IsTheSafeLabourCampaignWith85MillionAndAllAkimats() {
        PlanItem item = item("28");
        assertThat(item.titleRu()).isEqualTo("Проведение информационной кампании \"Безопасный труд\"");
        assertThat(item.responsible()).containsExactly(new Responsible("MTSZN", false),
                new Responsible("ALL-AKIMATS", false), new Responsible(E, true), new Responsible(T, true));
        assertThat(item.financing().total()).isEqualByComparingTo("85200");
        assertThat(item.deadline().fromYear()).isEqualTo(2022);
    }

    @Test
    void item3NamesArrfnAndAfkByAgreement() {
        assertThat(item("3").responsible()).containsExactly(new Responsible("MTSZN", false),
                new Responsible("ARRFN", false), new Responsible(E, true), new Responsible(T, true),
                new Responsible("AFK", true, true));
        assertThat(item("3").deadline().month()).isEqualTo(1);
    }

    @Test
    void responsibleBodiesOfSeveralItemsAreAsTheDecreeStates() {
        assertThat(item("6").responsible()).extracting(Responsible::code).containsExactly("MZ", E, T);
        assertThat(item("9").responsible()).extracting(Responsible::code).containsExactly("MTSZN", "INTERESTED-STATE-BODIES");
        assertThat(item("13").responsible()).containsExactly(new Responsible("MCHS", false), new Responsible(E, true));
        assertThat(item("14").responsible()).containsExactly(new Responsible("ALL-AKIMATS", false));
        assertThat(item("18").responsible()).extracting(Responsible::code).containsExactly("MTSZN", "MIIR", "ME", E, T);
        assertThat(item("19").responsible()).containsExactly(new Responsible("MTSZN", false),
                new Responsible("MZ", false), new Responsible("BNS-ASPR", false));
        assertThat(item("23").responsible()).extracting(Responsible::code).containsExactly("MTSZN", "MIIR", "ME", "MSKH", E, T);
        assertThat(item("27").responsible()).containsExactly(new Responsible("MTSZN", false), new Responsible("ITECA", true, true));
        assertThat(item("12-1").responsible()).containsExactly(new Responsible("MTSZN", false));
    }

    @Test
    void deadlinesKeepTheirKindAndWording() {
        assertThat(item("1").deadline()).isEqualTo(new Deadline(DeadlineKind.YEAR, 2021, 2021, null, null, "2021 год"));
        assertThat(item("7").deadline()).isEqualTo(new Deadline(DeadlineKind.QUARTER, 2022, 2022, null, 1, "1 квартал 2022 года"));
        assertThat(item("13").deadline()).isEqualTo(new Deadline(DeadlineKind.ANNUALLY, 2021, 2025, null, null, "ежегодно"));
        assertThat(item("23").deadline().kind()).isEqualTo(DeadlineKind.TWICE_A_YEAR);
        assertThat(item("23").deadline().original()).isEqualTo("2021 – 2025 годы, один раз в полугодие");
        assertThat(item("28-1").deadline().quarter()).isEqualTo(2);
    }

    @Test
    void financingIsNotRequiredExceptWhereTheDecreeNamesASource() {
        assertThat(plan.items()).filteredOn(i -> i.financing().required())
                .extracting(PlanItem::number)
                .containsExactly("14", "20", "21", "22", "22-1", "24", "27", "28");
        assertThat(item("14").financing().source()).isEqualTo("местный бюджет");
        assertThat(item("24").financing().source()).isEqualTo("внебюджетные средства");
        assertThat(item("14").financing().total()).isNull();
        assertThat(item("1").financing()).isEqualTo(new Financing(false, null, List.of(), null, "не требуются"));
    }

    @Test
    void allAkimatsExpandToTheTwentyAkimats() {
        Set<String> codes = data.expand(List.of(new Responsible("ALL-AKIMATS", false)));
        assertThat(codes).hasSize(20)
                .contains("AKIMAT-ASTANA", "AKIMAT-ALMATY", "AKIMAT-SHYMKENT", "AKIMAT-ALMATY-REGION",
                        "AKIMAT-ABAI", "AKIMAT-ZHETYSU", "AKIMAT-ULYTAU");
        Set<String> akimats = data.agencies().stream().filter(a -> a.kind() == AgencyKind.AKIMAT)
                .map(Agency::code).collect(Collectors.toSet());
        assertThat(codes).containsExactlyInAnyOrderElementsOf(akimats);
    }

    @Test
    void theRegionsFormedIn2022ExistFrom2022AndNameTheRegionsTheyCameFrom() {
        assertThat(data.agency("AKIMAT-ULYTAU").orElseThrow().validIn(2021)).isFalse();
        assertThat(data.agency("AKIMAT-ULYTAU").orElseThrow().validIn(2022)).isTrue();
        assertThat(data.agency("AKIMAT-ULYTAU").orElseThrow().predecessors()).containsExactly("AKIMAT-KARAGANDA");
        assertThat(data.agency("AKIMAT-ABAI").orElseThrow().predecessors()).containsExactly("AKIMAT-EAST-KAZAKHSTAN");
        assertThat(data.agency("AKIMAT-ZHETYSU").orElseThrow().predecessors()).containsExactly("AKIMAT-ALMATY-REGION");
        assertThat(data.expand(List.of(new Responsible("ALL-AKIMATS", false)), 2021)).hasSize(17)
                .doesNotContainKeys("AKIMAT-ABAI", "AKIMAT-ZHETYSU", "AKIMAT-ULYTAU");
        assertThat(data.expand(List.of(new Responsible("ALL-AKIMATS", false)), 2022)).hasSize(20);
    }

    @Test
    void theCoExecutorsParagraphTwoDoesNotNameOnlyContribute() {
        Map<String, ObligationKind> item3 = data.expand(plan.item("3").orElseThrow().responsible(), 2021);
        assertThat(item3).containsEntry("MTSZN", ObligationKind.OWES).containsEntry("AFK", ObligationKind.CONTRIBUTES)
                .containsEntry("EMPLOYERS", ObligationKind.BY_AGREEMENT);
        assertThat(data.expand(plan.item("20").orElseThrow().responsible(), 2021))
                .containsEntry("RNIIOT", ObligationKind.CONTRIBUTES);
        assertThat(data.expand(plan.item("27").orElseThrow().responsible(), 2021))
                .containsEntry("ITECA", ObligationKind.CONTRIBUTES);
        Map<String, ObligationKind> item9 = data.expand(plan.item("9").orElseThrow().responsible(), 2021);
        assertThat(item9).containsEntry("MTSZN", ObligationKind.OWES);
        assertThat(item9.entrySet()).filteredOn(e -> e.getValue() == ObligationKind.OWES).hasSize(1);
    }

    @Test
    void theDueDateIsReadInclusiveInAlmatyTimeAndTheRepealTakesEffectOnItsDate() {
        assertThat(plan.reporting().dueReading()).isEqualTo(ReportingRule.DueReading.INCLUSIVE);
        assertThat(plan.reporting().lastDayOnTime(2021)).isEqualTo(java.time.LocalDate.of(2022, 1, 10));
        // Asia/Almaty was UTC+6 until March 2024: the end of 10 January 2022 there is 18:00 UTC.
        assertThat(plan.reporting().lateFrom(2021)).isEqualTo(java.time.Instant.parse("2022-01-10T18:00:00Z"));
        assertThat(plan.repealed().effectiveDate()).isEqualTo(java.time.LocalDate.of(2023, 12, 28));
    }

    @Test
    void agencyByEmailIgnoresCaseAndSurroundingSpace() {
        assertThat(data.agencyByEmail("MZ@Agency.Hub.Local")).map(Agency::code).contains("MZ");
        assertThat(data.agencyByEmail(" akimat-astana@agency.hub.local ")).map(Agency::code).contains("AKIMAT-ASTANA");
        assertThat(data.agencyByEmail("nobody@agency.hub.local")).isEmpty();
    }

    @Test
    void agencyByLoginIsTheCodeInLowerCase() {
        assertThat(data.agencyByLogin("bns-aspr")).map(Agency::code).contains("BNS-ASPR");
        assertThat(data.agencyByLogin("akimat-almaty-region")).map(Agency::code).contains("AKIMAT-ALMATY-REGION");
        assertThat(data.agencyByLogin("government")).isEmpty();
    }

    @Test
    void everyAgencyHasThreeNamesAndItsDemoAddress() {
        assertThat(data.agencies()).hasSize(33).allSatisfy(a -> {
            assertThat(a.nameRu()).isNotBlank();
            assertThat(a.nameKk()).isNotBlank();
            assertThat(a.nameEn()).isNotBlank();
            assertThat(a.emails()).contains(a.login() + "@agency.hub.local");
            assertThat(a.remoteSftp()).isNull();
        });
    }

    @Test
    void astanaIsAlsoKnownAsNurSultan() {
        assertThat(data.agency("AKIMAT-ASTANA").orElseThrow().aliases()).contains("Nur-Sultan", "Акимат города Нур-Султана");
        assertThat(data.agency("BNS-ASPR").orElseThrow().aliases()).contains("БНС АСПР");
    }

    @Test
    void everyResponsibleBodyOfThePlanIsAnAgency() {
        Set<String> responsible = plan.items().stream().flatMap(i -> data.expand(i.responsible()).stream())
                .collect(Collectors.toSet());
        assertThat(responsible).contains("MTSZN", "ME", "MSKH", "MZ", "MIIR", "MCHS", "ARRFN", "BNS-ASPR", "AFK",
                "RNIIOT", "ITECA", "EMPLOYERS", "TRADE-UNIONS", "AKIMAT-ASTANA");
        assertThat(responsible).allSatisfy(code -> assertThat(data.agency(code)).isPresent());
    }
}
