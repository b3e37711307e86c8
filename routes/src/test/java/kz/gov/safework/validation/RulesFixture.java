package kz.gov.safework.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.AgencyGroup;
import kz.gov.safework.contract.reference.AgencyKind;
import kz.gov.safework.contract.reference.Deadline;
import kz.gov.safework.contract.reference.Deadline.DeadlineKind;
import kz.gov.safework.contract.reference.Financing;
import kz.gov.safework.contract.reference.LegalAct;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.ReportingRule;
import kz.gov.safework.contract.reference.Responsible;
import kz.gov.safework.contract.report.CompletionDocument;
import kz.gov.safework.contract.report.Contact;
import kz.gov.safework.contract.report.Expenses;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.report.ProgressReport;

/**
 * A small plan built by hand, shaped like decree No. 419: reporting years 2021..2025, due 10 January;
 * item 1 (MTSZN and MZ, financed), item 2 (MZ, no financing needed), item 4-1 (MTSZN and MZ, added by the
 * 2022 amendment), item 7 (every akimat through the ALL-AKIMATS group, no financing needed).
 */
final class RulesFixture {
    static final String PLAN = "SAFE-LABOUR-2025";
    static final String MZ = "MZ";
    static final String MTSZN = "MTSZN";
    static final String AKIMAT_ASTANA = "AKIMAT-ASTANA";
    static final String AKIMAT_ALMATY = "AKIMAT-ALMATY";
    static final String ALL_AKIMATS = "ALL-AKIMATS";

    static final ReferenceData REFERENCE = new ReferenceData(
            List.of(agency(MTSZN, AgencyKind.MINISTRY), agency(MZ, AgencyKind.MINISTRY),
                    agency(AKIMAT_ASTANA, AgencyKind.AKIMAT), agency(AKIMAT_ALMATY, AgencyKind.AKIMAT)),
            List.of(new AgencyGroup(ALL_AKIMATS, "Акиматы", "All akimats", List.of(AKIMAT_ASTANA, AKIMAT_ALMATY))),
            List.of(plan()));

    /** Nothing was accepted before. */
    static final AcceptedReports NONE_ACCEPTED = (reportId, agency, year) -> false;

    private RulesFixture() {
    }

    private static Agency agency(String code, AgencyKind kind) {
        return new Agency(code, kind, code, code, code, List.of(), List.of(), null);
    }

    private static Plan plan() {
        LegalAct approved = new LegalAct(LocalDate.of(2021, 6, 17), "419", "Об утверждении Плана", List.of());
        LegalAct amendment = new LegalAct(LocalDate.of(2022, 4, 25), "245", "О внесении изменений", List.of("4-1"));
        Financing financed = new Financing(true, "РБ", List.of(new Financing.Amount(2022, new BigDecimal("1500.0"))),
                new BigDecimal("1500.0"), "РБ 1500,0");
        Financing none = new Financing(false, null, List.of(), null, "не требуются");
        Deadline annually = new Deadline(DeadlineKind.ANNUALLY, 2021, 2025, null, null, "ежегодно");
        return new Plan(PLAN, "План «Безопасный труд»", "Safe Labour plan", approved, List.of(amendment), null,
                new ReportingRule(MonthDay.of(1, 10), MonthDay.of(2, 1)), 2021, 2025, List.of(),
                List.of(
                        item("1", List.of(new Responsible(MTSZN, false), new Responsible(MZ, false)), financed, 2021,
                                null, annually),
                        item("2", List.of(new Responsible(MZ, false)), none, 2021, null, annually),
                        item("4-1", List.of(new Responsible(MTSZN, false), new Responsible(MZ, true)), financed, 2022,
                                "245", new Deadline(DeadlineKind.YEAR_RANGE, 2022, 2025, null, null, "2022-2025 годы")),
                        item("7", List.of(new Responsible(ALL_AKIMATS, false)), none, 2021, null, annually)));
    }

    private static PlanItem item(String number, List<Responsible> responsible, Financing financing, int inForceFrom,
            String addedBy, Deadline deadline) {
        return new PlanItem(number, 1, "Пункт " + number, "информация в МТСЗН", deadline, responsible, financing,
                inForceFrom, addedBy);
    }

    static ProgressReport report(String agency, int year, ItemEntry... items) {
        return new ProgressReport("R-" + agency + "-" + year, agency, PLAN, year, null,
                new Contact("Иванов И.", "главный эксперт", "ivanov@example.kz", null), List.of(items));
    }

    static ProgressReport withPlan(ProgressReport r, String plan) {
        return new ProgressReport(r.reportId(), r.agency(), plan, r.year(), r.correctionOf(), r.contact(), r.items());
    }

    static ProgressReport correcting(ProgressReport r, String correctionOf) {
        return new ProgressReport(r.reportId(), r.agency(), r.plan(), r.year(), correctionOf, r.contact(), r.items());
    }

    static ItemEntry inProgress(String item) {
        return new ItemEntry(item, ItemStatus.IN_PROGRESS, "Работа ведётся", null, null, null, null, null);
    }

    static ItemEntry completed(String item) {
        return completed(item, new CompletionDocument("приказ", "123", LocalDate.of(2022, 11, 1), "Об утверждении"));
    }

    static ItemEntry completed(String item, CompletionDocument document) {
        return new ItemEntry(item, ItemStatus.COMPLETED, "Исполнено", null, document, null, null, null);
    }

    static ItemEntry spending(ItemEntry e, String planned, String actual) {
        Expenses expenses = new Expenses(planned == null ? null : new BigDecimal(planned),
                actual == null ? null : new BigDecimal(actual), "РБ");
        return new ItemEntry(e.item(), e.status(), e.narrativeRu(), e.narrativeKk(), e.completionDocument(),
                e.indicators(), expenses, e.attachments());
    }

    /** The report as the rules see it, sent by the agency it names. */
    static ReportContext context(ProgressReport report) {
        return ReportContext.of(report, report.agency(), REFERENCE, NONE_ACCEPTED);
    }

    static ReportContext sentBy(ProgressReport report, String sender) {
        return ReportContext.of(report, sender, REFERENCE, NONE_ACCEPTED);
    }

    static ReportContext context(ProgressReport report, AcceptedReports accepted) {
        return ReportContext.of(report, report.agency(), REFERENCE, accepted);
    }
}
