package kz.gov.safework.cycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.AgencyGroup;
import kz.gov.safework.contract.reference.AgencyKind;
import kz.gov.safework.contract.reference.Deadline;
import kz.gov.safework.contract.reference.Financing;
import kz.gov.safework.contract.reference.LegalAct;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.ReportingRule;
import kz.gov.safework.contract.reference.Responsible;
import kz.gov.safework.contract.reference.Section;

/**
 * A small plan shaped like decree No. 419: five agencies (three with e-mail), a group of two akimats, an
 * item added by the 2022 amendment, an item due in 2021 only, repeal on 28.12.2023.
 */
final class TestReference {
    static final String PLAN = "safe-labor-2021-2025";

    static ReferenceData create() {
        List<Agency> agencies = List.of(
                agency("MTSZN", AgencyKind.MINISTRY, "Министерство труда и социальной защиты населения", "mtszn@gov.test"),
                agency("MZ", AgencyKind.MINISTRY, "Министерство здравоохранения", "mz@gov.test"),
                agency("MVD", AgencyKind.MINISTRY, "Министерство внутренних дел", null),
                agency("AKIMAT-ASTANA", AgencyKind.AKIMAT, "Акимат города Астаны", "akimat@astana.test"),
                agency("AKIMAT-ALMATY", AgencyKind.AKIMAT, "Акимат города Алматы", null));
        List<AgencyGroup> groups = List.of(new AgencyGroup("ALL-AKIMATS", "Акиматы областей и городов",
                "All akimats", List.of("AKIMAT-ASTANA", "AKIMAT-ALMATY")));
        List<PlanItem> items = List.of(
                item("1", 1, "Совершенствование законодательства в сфере безопасности труда", 2021, 2025, 2021,
                        new Financing(true, "РБ", List.of(new Financing.Amount(2022, new BigDecimal("1500.0"))),
                                new BigDecimal("1500.0"), "1500,0"), "MTSZN", "MZ"),
                item("2", 1, "Проведение проверок соблюдения требований охраны труда", 2021, 2025, 2021,
                        notRequired(), "ALL-AKIMATS"),
                item("4-1", 1, "Профилактика производственного травматизма на транспорте", 2022, 2025, 2022,
                        notRequired(), "MVD"),
                item("3", 2, "Разработка концепции безопасного труда", 2021, 2021, 2021, notRequired(), "MZ"),
                item("5", 2, "Информирование населения о безопасном труде", 2021, 2025, 2021,
                        new Financing(true, "МБ", List.of(new Financing.Amount(2022, new BigDecimal("200.0"))),
                                new BigDecimal("200.0"), "200,0"), "MTSZN"));
        Plan plan = new Plan(PLAN, "Комплексный план «Безопасный труд» до 2025 года", "Safe Labour plan",
                new LegalAct(LocalDate.of(2021, 6, 17), "419", "Об утверждении плана", List.of()),
                List.of(new LegalAct(LocalDate.of(2022, 4, 25), "245", "О внесении изменений", List.of("4-1"))),
                new LegalAct(LocalDate.of(2023, 12, 28), "1182", "О признании утратившими силу", List.of()),
                new ReportingRule(MonthDay.of(1, 10), MonthDay.of(2, 1)), 2021, 2025,
                List.of(new Section(1, "Совершенствование нормативной правовой базы", "Law"),
                        new Section(2, "Информационная работа", "Information")),
                items);
        return new ReferenceData(agencies, groups, List.of(plan));
    }

    private static Agency agency(String code, AgencyKind kind, String nameRu, String email) {
        return new Agency(code, kind, nameRu, null, code, List.of(), email == null ? List.of() : List.of(email), null);
    }

    private static PlanItem item(String number, int section, String title, int from, int to, int inForce,
                                 Financing financing, String... responsible) {
        Deadline deadline = new Deadline(from == to ? Deadline.DeadlineKind.YEAR : Deadline.DeadlineKind.ANNUALLY,
                from, to, null, null, from == to ? from + " год" : "ежегодно");
        return new PlanItem(number, section, title, "информация в МТСЗН", deadline,
                java.util.Arrays.stream(responsible).map(r -> new Responsible(r, false)).toList(), financing,
                inForce, inForce == 2022 ? "245" : null);
    }

    private static Financing notRequired() {
        return new Financing(false, null, List.of(), null, "не требуются");
    }

    private TestReference() {
    }
}
