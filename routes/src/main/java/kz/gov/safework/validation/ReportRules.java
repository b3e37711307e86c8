package kz.gov.safework.validation;

import static kz.gov.safework.contract.validation.ErrorCode.AGENCY_MISMATCH;
import static kz.gov.safework.contract.validation.ErrorCode.COMPLETION_DOCUMENT_MISSING;
import static kz.gov.safework.contract.validation.ErrorCode.CORRECTION_TARGET_UNKNOWN;
import static kz.gov.safework.contract.validation.ErrorCode.DUPLICATE_ITEM;
import static kz.gov.safework.contract.validation.ErrorCode.FINANCING_NOT_PLANNED;
import static kz.gov.safework.contract.validation.ErrorCode.ITEM_NOT_ASSIGNED;
import static kz.gov.safework.contract.validation.ErrorCode.ITEM_NOT_IN_FORCE;
import static kz.gov.safework.contract.validation.ErrorCode.NEGATIVE_EXPENSE;
import static kz.gov.safework.contract.validation.ErrorCode.UNKNOWN_AGENCY;
import static kz.gov.safework.contract.validation.ErrorCode.UNKNOWN_ITEM;
import static kz.gov.safework.contract.validation.ErrorCode.UNKNOWN_PLAN;
import static kz.gov.safework.contract.validation.ErrorCode.YEAR_OUT_OF_RANGE;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.gov.safework.contract.reference.Financing;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.report.CompletionDocument;
import kz.gov.safework.contract.report.Expenses;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * The business rules of a progress report (issue 3, step 4), one small function each.
 *
 * <p>Paths are JSON Pointers into the canonical model (the JSON form of the report), whatever format the
 * document arrived in. An empty path means the document as a whole.
 *
 * <p>Rules that would only repeat an earlier finding stay quiet: nothing about items is checked against
 * the plan when the plan is unknown, nothing about an item the plan does not have, no assignment check
 * when the document's agency is unknown, no in-force check when the year is outside the plan. Rules about
 * the document alone (duplicates, completion document, negative expenses) always run.
 */
public final class ReportRules {

    /** Every rule, in the order their findings are listed in a receipt. */
    public static final List<Rule> ALL = List.of(
            ReportRules::agencyKnown,
            ReportRules::senderIsNamedAgency,
            ReportRules::planKnown,
            ReportRules::yearInPlan,
            ReportRules::correctionNamesAcceptedReport,
            ReportRules::itemsExist,
            ReportRules::itemsAssignedToAgency,
            ReportRules::itemsInForce,
            ReportRules::itemsNotRepeated,
            ReportRules::completedItemsHaveDocument,
            ReportRules::expensesNotNegative,
            ReportRules::expensesOnlyWhereFinancingPlanned);

    private ReportRules() {
    }

    /** The agency the document names exists in reference data. */
    public static Stream<ValidationError> agencyKnown(ReportContext c) {
        if (c.agency().isPresent()) {
            return Stream.empty();
        }
        return Stream.of(ValidationError.of(UNKNOWN_AGENCY, "/agency", quoted(c.report().agency())));
    }

    /**
     * The sender is the agency the document names. A sender the hub cannot tie to an agency (no login
     * mapping, or a code missing from reference data) is never accepted: UNKNOWN_AGENCY with the empty path,
     * because the fault is the transport identity, not the document's {@code /agency}, which may be fine.
     */
    public static Stream<ValidationError> senderIsNamedAgency(ReportContext c) {
        String sender = c.sender();
        if (sender == null || sender.isBlank()) {
            return Stream.of(ValidationError.of(UNKNOWN_AGENCY, "", "sender not identified"));
        }
        if (c.reference().agency(sender).isEmpty()) {
            return Stream.of(ValidationError.of(UNKNOWN_AGENCY, "",
                    "sender " + quoted(sender) + " is not a registered agency"));
        }
        if (sender.equals(c.report().agency())) {
            return Stream.empty();
        }
        return Stream.of(ValidationError.of(AGENCY_MISMATCH, "/agency",
                "document names " + quoted(c.report().agency()) + ", sent by " + quoted(sender)));
    }

    public static Stream<ValidationError> planKnown(ReportContext c) {
        if (c.plan().isPresent()) {
            return Stream.empty();
        }
        return Stream.of(ValidationError.of(UNKNOWN_PLAN, "/plan", quoted(c.report().plan())));
    }

    /** The year is one of the plan's reporting years. */
    public static Stream<ValidationError> yearInPlan(ReportContext c) {
        if (c.plan().isEmpty() || c.yearInPlan()) {
            return Stream.empty();
        }
        Plan plan = c.plan().get();
        return Stream.of(ValidationError.of(YEAR_OUT_OF_RANGE, "/year", c.report().year() + " (plan " + plan.id()
                + " reports " + plan.firstReportingYear() + "–" + plan.lastReportingYear() + ")"));
    }

    /**
     * {@code correctionOf} names an earlier accepted report of the same agency and year, not the report
     * itself. Not looked up when the agency is unknown: no report of it can have been accepted.
     */
    public static Stream<ValidationError> correctionNamesAcceptedReport(ReportContext c) {
        ProgressReport report = c.report();
        String target = report.correctionOf();
        if (target == null) {
            return Stream.empty();
        }
        if (target.equals(report.reportId())) {
            return Stream.of(ValidationError.of(CORRECTION_TARGET_UNKNOWN, "/correctionOf",
                    quoted(target) + " is this report itself"));
        }
        if (c.agency().isEmpty() || c.accepted().isAccepted(target, report.agency(), report.year())) {
            return Stream.empty();
        }
        return Stream.of(ValidationError.of(CORRECTION_TARGET_UNKNOWN, "/correctionOf",
                quoted(target) + " (" + report.agency() + ", " + report.year() + ")"));
    }

    /** Every item the report names is an item of the plan. */
    public static Stream<ValidationError> itemsExist(ReportContext c) {
        if (c.plan().isEmpty()) {
            return Stream.empty();
        }
        String planId = c.plan().get().id();
        return c.entries().stream()
                .filter(e -> e.planItem().isEmpty())
                .map(e -> ValidationError.of(UNKNOWN_ITEM, e.path("item"),
                        "item " + quoted(e.number()) + " is not in plan " + planId));
    }

    /** The agency is responsible for every item it reports, directly or through a group. */
    public static Stream<ValidationError> itemsAssignedToAgency(ReportContext c) {
        if (c.agency().isEmpty()) {
            return Stream.empty();
        }
        String agency = c.report().agency();
        return c.entries().stream()
                .filter(e -> e.planItem().isPresent())
                .filter(e -> !c.reference().expand(e.planItem().get().responsible()).contains(agency))
                .map(e -> ValidationError.of(ITEM_NOT_ASSIGNED, e.path("item"),
                        "item " + quoted(e.number()) + ", agency " + agency));
    }

    /** Every item was in force in the reporting year (the 2022 amendment's items from 2022 on). */
    public static Stream<ValidationError> itemsInForce(ReportContext c) {
        if (!c.yearInPlan()) {
            return Stream.empty();
        }
        int year = c.report().year();
        return c.entries().stream()
                .filter(e -> e.planItem().isPresent() && !e.planItem().get().inForce(year))
                .map(e -> ValidationError.of(ITEM_NOT_IN_FORCE, e.path("item"), "item " + quoted(e.number())
                        + " in force from " + e.planItem().get().inForceFromYear() + ", report year " + year));
    }

    /** Each item appears once; every repetition after the first is flagged where it stands. */
    public static Stream<ValidationError> itemsNotRepeated(ReportContext c) {
        Map<String, Integer> firstSeen = new HashMap<>();
        Stream.Builder<ValidationError> found = Stream.builder();
        for (ReportContext.Entry e : c.entries()) {
            if (e.number() == null) {
                continue;
            }
            Integer first = firstSeen.putIfAbsent(e.number(), e.index());
            if (first != null) {
                found.add(ValidationError.of(DUPLICATE_ITEM, e.path("item"),
                        "item " + quoted(e.number()) + " already at /items/" + first));
            }
        }
        return found.build();
    }

    /** A COMPLETED item names its completion document (at least a type, number or title). */
    public static Stream<ValidationError> completedItemsHaveDocument(ReportContext c) {
        return c.entries().stream()
                .filter(e -> e.entry().status() == ItemStatus.COMPLETED && !identifies(e.entry().completionDocument()))
                .map(e -> ValidationError.of(COMPLETION_DOCUMENT_MISSING, e.path("completionDocument"),
                        "item " + quoted(e.number())));
    }

    /** Neither planned nor actual expenses are below zero. */
    public static Stream<ValidationError> expensesNotNegative(ReportContext c) {
        Stream.Builder<ValidationError> found = Stream.builder();
        for (ReportContext.Entry e : c.entries()) {
            Expenses expenses = e.entry().expenses();
            if (expenses == null) {
                continue;
            }
            if (isNegative(expenses.planned())) {
                found.add(negative(e, "planned", expenses.planned()));
            }
            if (isNegative(expenses.actual())) {
                found.add(negative(e, "actual", expenses.actual()));
            }
        }
        return found.build();
    }

    /** Warning: money was spent on an item for which the plan says no financing is required. */
    public static Stream<ValidationError> expensesOnlyWhereFinancingPlanned(ReportContext c) {
        return c.entries().stream()
                .filter(e -> e.planItem().map(ReportRules::financingNotRequired).orElse(false))
                .filter(e -> e.entry().expenses() != null && isPositive(e.entry().expenses().actual()))
                .map(e -> ValidationError.of(FINANCING_NOT_PLANNED, e.path("expenses", "actual"),
                        "item " + quoted(e.number()) + ", actual " + e.entry().expenses().actual().toPlainString()));
    }

    private static boolean financingNotRequired(PlanItem item) {
        Financing financing = item.financing();
        return financing != null && !financing.required();
    }

    private static ValidationError negative(ReportContext.Entry e, String field, BigDecimal amount) {
        return ValidationError.of(NEGATIVE_EXPENSE, e.path("expenses", field),
                "item " + quoted(e.number()) + ", " + field + " " + amount.toPlainString());
    }

    private static boolean identifies(CompletionDocument document) {
        return document != null
                && Stream.of(document.type(), document.number(), document.title())
                        .anyMatch(s -> s != null && !s.isBlank());
    }

    private static boolean isNegative(BigDecimal amount) {
        return amount != null && amount.signum() < 0;
    }

    private static boolean isPositive(BigDecimal amount) {
        return amount != null && amount.signum() > 0;
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "\"" + value + "\"";
    }
}
