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
import static kz.gov.safework.validation.RulesFixture.AKIMAT_ALMATY;
import static kz.gov.safework.validation.RulesFixture.AKIMAT_ASTANA;
import static kz.gov.safework.validation.RulesFixture.MTSZN;
import static kz.gov.safework.validation.RulesFixture.MZ;
import static kz.gov.safework.validation.RulesFixture.completed;
import static kz.gov.safework.validation.RulesFixture.context;
import static kz.gov.safework.validation.RulesFixture.correcting;
import static kz.gov.safework.validation.RulesFixture.inProgress;
import static kz.gov.safework.validation.RulesFixture.report;
import static kz.gov.safework.validation.RulesFixture.sentBy;
import static kz.gov.safework.validation.RulesFixture.spending;
import static kz.gov.safework.validation.RulesFixture.withPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kz.gov.safework.contract.report.CompletionDocument;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule on its own: what it refuses, where it points, and what it lets through. */
class ReportRulesTest {

    private static ListAssert<ValidationError> assertFindings(Stream<ValidationError> findings) {
        return assertThat(findings.toList());
    }

    /** The findings as (code, path) pairs: what a rule refuses and where it points. */
    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertCodesAndPaths(
            Stream<ValidationError> findings) {
        return assertFindings(findings).extracting(ValidationError::code, ValidationError::path);
    }

    /** The one finding, once it is checked to be the only one, with the code and the path given. */
    private static ValidationError onlyFinding(Stream<ValidationError> findings, ErrorCode code, String path) {
        List<ValidationError> found = findings.toList();
        assertThat(found).extracting(ValidationError::code, ValidationError::path).containsExactly(tuple(code, path));
        return found.get(0);
    }

    @Nested
    class AgencyKnown {
        @Test
        void acceptsAgencyListedInReferenceData() {
            assertFindings(ReportRules.agencyKnown(context(report(MZ, 2022, inProgress("1"))))).isEmpty();
        }

        @Test
        void rejectsAgencyMissingFromReferenceData() {
            assertFindings(ReportRules.agencyKnown(sentBy(report("MINFIN", 2022, inProgress("1")), MZ)))
                    .extracting(ValidationError::code, ValidationError::path, ValidationError::message)
                    .containsExactly(tuple(UNKNOWN_AGENCY, "/agency", "Неизвестный орган: \"MINFIN\""));
        }
    }

    @Nested
    class SenderIsNamedAgency {
        @Test
        void acceptsReportSentByTheAgencyItNames() {
            assertFindings(ReportRules.senderIsNamedAgency(sentBy(report(MZ, 2022, inProgress("1")), MZ))).isEmpty();
        }

        @Test
        void rejectsReportNamingAnotherAgency() {
            ValidationError found = onlyFinding(ReportRules.senderIsNamedAgency(
                    sentBy(report(MTSZN, 2022, inProgress("1")), MZ)),
                    AGENCY_MISMATCH, "/agency");

            assertThat(found.messageEn()).contains("\"MTSZN\"", "\"MZ\"");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "an unidentified sender, ",
            "a sender missing from reference data, OPERATOR"})
        void rejectsReportFrom(String what, String sender) {
            assertCodesAndPaths(ReportRules.senderIsNamedAgency(sentBy(report(MZ, 2022, inProgress("1")), sender)))
                    .containsExactly(tuple(UNKNOWN_AGENCY, ""));
        }

        @Test
        void rejectsSenderWhoseCodeDiffersOnlyInCase() {
            assertFindings(ReportRules.senderIsNamedAgency(sentBy(report(MZ, 2022, inProgress("1")), "mz")))
                    .extracting(ValidationError::code)
                    .containsExactly(UNKNOWN_AGENCY);
        }
    }

    @Nested
    class PlanKnown {
        @Test
        void acceptsPlanListedInReferenceData() {
            assertFindings(ReportRules.planKnown(context(report(MZ, 2022, inProgress("1"))))).isEmpty();
        }

        @Test
        void rejectsUnknownPlan() {
            assertCodesAndPaths(ReportRules.planKnown(
                    context(withPlan(report(MZ, 2022, inProgress("1")), "PLAN-2030"))))
                    .containsExactly(tuple(UNKNOWN_PLAN, "/plan"));
        }
    }

    @Nested
    class YearInPlan {
        @Test
        void acceptsFirstAndLastReportingYearOfThePlan() {
            assertFindings(ReportRules.yearInPlan(context(report(MZ, 2021, inProgress("1"))))).isEmpty();
            assertFindings(ReportRules.yearInPlan(context(report(MZ, 2025, inProgress("1"))))).isEmpty();
        }

        /** The year before the plan's first reporting year and the one after its last. */
        @ParameterizedTest
        @ValueSource(ints = {2020, 2026})
        void rejectsYearOutsideThePlan(int year) {
            assertCodesAndPaths(ReportRules.yearInPlan(context(report(MZ, year, inProgress("1")))))
                    .containsExactly(tuple(YEAR_OUT_OF_RANGE, "/year"));
        }

        @Test
        void saysNothingAboutTheYearWhenThePlanIsUnknown() {
            assertFindings(ReportRules.yearInPlan(context(withPlan(report(MZ, 2026, inProgress("1")), "X")))).isEmpty();
        }
    }

    @Nested
    class CorrectionNamesAcceptedReport {
        private final AcceptedReports mzReport2022 =
                (reportId, agency, year) -> reportId.equals("R-MZ-2022-A") && agency.equals(MZ) && year == 2022;

        @Test
        void acceptsCorrectionOfAnAcceptedReportOfTheSameAgencyAndYear() {
            ProgressReport correction = correcting(report(MZ, 2022, inProgress("1")), "R-MZ-2022-A");

            assertFindings(ReportRules.correctionNamesAcceptedReport(context(correction, mzReport2022))).isEmpty();
        }

        /** Only MZ's report R-MZ-2022-A of 2022 was accepted. */
        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "a report never accepted, MZ, 2022, R-MZ-2022-Z",
            "a report of another year, MZ, 2023, R-MZ-2022-A",
            "another agency's report, MTSZN, 2022, R-MZ-2022-A"})
        void rejectsCorrectionOf(String what, String agency, int year, String target) {
            ProgressReport correction = correcting(report(agency, year, inProgress("1")), target);

            assertCodesAndPaths(ReportRules.correctionNamesAcceptedReport(context(correction, mzReport2022)))
                    .containsExactly(tuple(CORRECTION_TARGET_UNKNOWN, "/correctionOf"));
        }

        @Test
        void rejectsReportCorrectingItself() {
            ProgressReport report = report(MZ, 2022, inProgress("1"));
            AcceptedReports everything = (reportId, agency, year) -> true;

            assertCodesAndPaths(ReportRules.correctionNamesAcceptedReport(
                    context(correcting(report, report.reportId()), everything)))
                    .containsExactly(tuple(CORRECTION_TARGET_UNKNOWN, "/correctionOf"));
        }

        @Test
        void asksNothingOfTheStoreForAReportThatCorrectsNothing() {
            List<String> asked = new ArrayList<>();
            AcceptedReports recording = (reportId, agency, year) -> asked.add(reportId);

            assertFindings(ReportRules.correctionNamesAcceptedReport(
                    context(report(MZ, 2022, inProgress("1")), recording))).isEmpty();
            assertThat(asked).isEmpty();
        }
    }

    @Nested
    class ItemsExist {
        @Test
        void rejectsItemThePlanDoesNotHave() {
            ValidationError found = onlyFinding(ReportRules.itemsExist(
                    context(report(MZ, 2022, inProgress("1"), inProgress("99")))),
                    UNKNOWN_ITEM, "/items/1/item");

            assertThat(found.messageEn()).contains("\"99\"");
        }

        @Test
        void saysNothingAboutItemsWhenThePlanIsUnknown() {
            assertFindings(ReportRules.itemsExist(context(withPlan(report(MZ, 2022, inProgress("99")), "X"))))
                    .isEmpty();
        }
    }

    @Nested
    class ItemsAssignedToAgency {
        @Test
        void acceptsItemsTheAgencyIsNamedFor() {
            assertFindings(ReportRules.itemsAssignedToAgency(
                    context(report(MZ, 2022, inProgress("1"), inProgress("2")))))
                    .isEmpty();
        }

        @Test
        void rejectsItemAssignedOnlyToAnotherAgency() {
            assertCodesAndPaths(ReportRules.itemsAssignedToAgency(
                    context(report(MTSZN, 2022, inProgress("1"), inProgress("2")))))
                    .containsExactly(tuple(ITEM_NOT_ASSIGNED, "/items/1/item"));
        }

        @Test
        void acceptsGroupItemFromEveryMemberOfTheGroup() {
            assertFindings(ReportRules.itemsAssignedToAgency(context(report(AKIMAT_ASTANA, 2022, inProgress("7")))))
                    .isEmpty();
            assertFindings(ReportRules.itemsAssignedToAgency(context(report(AKIMAT_ALMATY, 2022, inProgress("7")))))
                    .isEmpty();
        }

        @Test
        void rejectsGroupItemFromAnAgencyOutsideTheGroup() {
            assertCodesAndPaths(ReportRules.itemsAssignedToAgency(context(report(MZ, 2022, inProgress("7")))))
                    .containsExactly(tuple(ITEM_NOT_ASSIGNED, "/items/0/item"));
        }

        @Test
        void acceptsItemTheAgencyHelpsWithByAgreement() {
            assertFindings(ReportRules.itemsAssignedToAgency(context(report(MZ, 2022, inProgress("4-1"))))).isEmpty();
        }
    }

    @Nested
    class ItemsInForce {
        @Test
        void rejectsAmendmentItemReportedForTheYearBeforeTheAmendment() {
            assertCodesAndPaths(ReportRules.itemsInForce(context(report(MZ, 2021, inProgress("1"), inProgress("4-1")))))
                    .containsExactly(tuple(ITEM_NOT_IN_FORCE, "/items/1/item"));
        }

        @Test
        void acceptsAmendmentItemFromTheAmendmentYearOn() {
            assertFindings(ReportRules.itemsInForce(context(report(MZ, 2022, inProgress("4-1"))))).isEmpty();
        }

        @Test
        void saysNothingAboutItemsWhenTheYearIsOutsideThePlan() {
            assertFindings(ReportRules.itemsInForce(context(report(MZ, 2020, inProgress("4-1"))))).isEmpty();
        }
    }

    @Nested
    class ItemsNotRepeated {
        @Test
        void rejectsItemReportedTwiceAtItsSecondPlace() {
            ValidationError found = onlyFinding(ReportRules.itemsNotRepeated(
                    context(report(MZ, 2022, inProgress("1"), inProgress("2"), completed("1")))),
                    DUPLICATE_ITEM, "/items/2/item");

            assertThat(found.messageEn()).contains("\"1\"", "/items/0");
        }

        @Test
        void rejectsEveryRepetitionOfAnItemReportedThreeTimes() {
            assertCodesAndPaths(ReportRules.itemsNotRepeated(
                    context(report(MZ, 2022, inProgress("2"), inProgress("2"), inProgress("2")))))
                    .containsExactly(tuple(DUPLICATE_ITEM, "/items/1/item"), tuple(DUPLICATE_ITEM, "/items/2/item"));
        }

        @Test
        void acceptsDistinctItems() {
            assertFindings(ReportRules.itemsNotRepeated(context(report(MZ, 2022, inProgress("1"), inProgress("2")))))
                    .isEmpty();
        }
    }

    @Nested
    class CompletedItemsHaveDocument {
        @Test
        void rejectsCompletedItemWithoutCompletionDocument() {
            assertCodesAndPaths(ReportRules.completedItemsHaveDocument(
                    context(report(MZ, 2022, completed("1"), completed("2", null)))))
                    .containsExactly(tuple(COMPLETION_DOCUMENT_MISSING, "/items/1/completionDocument"));
        }

        @Test
        void rejectsCompletedItemWhoseDocumentNamesNothing() {
            CompletionDocument blank = new CompletionDocument(" ", "", null, null);

            assertCodesAndPaths(ReportRules.completedItemsHaveDocument(
                    context(report(MZ, 2022, completed("2", blank)))))
                    .containsExactly(tuple(COMPLETION_DOCUMENT_MISSING, "/items/0/completionDocument"));
        }

        @Test
        void acceptsUnfinishedItemWithoutCompletionDocument() {
            assertFindings(ReportRules.completedItemsHaveDocument(context(report(MZ, 2022, inProgress("2")))))
                    .isEmpty();
        }
    }

    @Nested
    class ExpensesNotNegative {
        @Test
        void rejectsNegativeActualExpense() {
            ValidationError found = onlyFinding(ReportRules.expensesNotNegative(
                    context(report(MZ, 2022, inProgress("2"), spending(inProgress("1"), "100", "-0.5")))),
                    NEGATIVE_EXPENSE, "/items/1/expenses/actual");

            assertThat(found.messageEn()).contains("\"1\"", "-0.5");
        }

        @Test
        void rejectsNegativePlannedAndActualExpenseSeparately() {
            assertCodesAndPaths(ReportRules.expensesNotNegative(
                    context(report(MZ, 2022, spending(inProgress("1"), "-1", "-2")))))
                    .containsExactly(tuple(NEGATIVE_EXPENSE, "/items/0/expenses/planned"),
                            tuple(NEGATIVE_EXPENSE, "/items/0/expenses/actual"));
        }

        @Test
        void acceptsZeroAndMissingAmounts() {
            assertFindings(ReportRules.expensesNotNegative(context(report(MZ, 2022,
                    spending(inProgress("1"), "0", "0.00"), spending(inProgress("2"), null, null))))).isEmpty();
        }
    }

    @Nested
    class ExpensesOnlyWhereFinancingPlanned {
        @Test
        void warnsWhenMoneyIsSpentOnAnItemThePlanLeavesUnfinanced() {
            ValidationError found = onlyFinding(ReportRules.expensesOnlyWhereFinancingPlanned(
                    context(report(MZ, 2022, spending(inProgress("2"), null, "250.5")))),
                    FINANCING_NOT_PLANNED, "/items/0/expenses/actual");

            assertThat(found.code().isWarning()).isTrue();
        }

        @Test
        void staysQuietWhenNothingIsSpentOnAnUnfinancedItem() {
            assertFindings(ReportRules.expensesOnlyWhereFinancingPlanned(
                    context(report(MZ, 2022, spending(inProgress("2"), "0", "0"), inProgress("7"))))).isEmpty();
        }

        @Test
        void staysQuietWhenMoneyIsSpentOnAFinancedItem() {
            assertFindings(ReportRules.expensesOnlyWhereFinancingPlanned(
                    context(report(MZ, 2022, spending(inProgress("1"), "1500", "1499.9"))))).isEmpty();
        }
    }
}
