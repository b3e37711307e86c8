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
import static kz.gov.safework.validation.RulesFixture.MZ;
import static kz.gov.safework.validation.RulesFixture.NONE_ACCEPTED;
import static kz.gov.safework.validation.RulesFixture.REFERENCE;
import static kz.gov.safework.validation.RulesFixture.completed;
import static kz.gov.safework.validation.RulesFixture.correcting;
import static kz.gov.safework.validation.RulesFixture.inProgress;
import static kz.gov.safework.validation.RulesFixture.report;
import static kz.gov.safework.validation.RulesFixture.spending;
import static kz.gov.safework.validation.RulesFixture.withPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** All rules together, as the pipeline runs them, and the late flag. */
class BusinessRulesTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final Instant BEFORE_DEADLINE_2022 = almaty("2023-01-05T12:00:00");

    private final BusinessRules rules = new BusinessRules(REFERENCE);

    private static Instant almaty(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ALMATY).toInstant();
    }

    private static ProgressReport cleanReport() {
        return report(MZ, 2022,
                spending(completed("1"), "1500", "1400.5"),
                inProgress("2"),
                inProgress("4-1"));
    }

    @Test
    void cleanReportPassesWithNoErrorsOrWarnings() {
        RuleOutcome outcome = rules.check(cleanReport(), MZ, BEFORE_DEADLINE_2022, NONE_ACCEPTED);

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.warnings()).isEmpty();
        assertThat(outcome.late()).isFalse();
        assertThat(outcome.accepted()).isTrue();
    }

    @Test
    void reportWithSeveralProblemsGetsEveryOneOfThem() {
        ProgressReport report = correcting(report(MZ, 2021,
                completed("1", null),                       // 0: completed, no document
                inProgress("4-1"),                          // 1: added in 2022, report is for 2021
                inProgress("7"),                            // 2: akimats' item
                inProgress("99"),                           // 3: not in the plan
                spending(inProgress("2"), "-3", "10"),      // 4: negative plan, money on an unfinanced item
                inProgress("1")), "R-NEVER-ACCEPTED");      // 5: item 1 again

        RuleOutcome outcome = rules.check(report, MZ, almaty("2022-01-09T10:00:00"), NONE_ACCEPTED);

        assertThat(outcome.errors()).extracting(ValidationError::code, ValidationError::path).containsExactly(
                tuple(CORRECTION_TARGET_UNKNOWN, "/correctionOf"),
                tuple(UNKNOWN_ITEM, "/items/3/item"),
                tuple(ITEM_NOT_ASSIGNED, "/items/2/item"),
                tuple(ITEM_NOT_IN_FORCE, "/items/1/item"),
                tuple(DUPLICATE_ITEM, "/items/5/item"),
                tuple(COMPLETION_DOCUMENT_MISSING, "/items/0/completionDocument"),
                tuple(NEGATIVE_EXPENSE, "/items/4/expenses/planned"));
        assertThat(outcome.warnings()).extracting(ValidationError::code, ValidationError::path)
                .containsExactly(tuple(FINANCING_NOT_PLANNED, "/items/4/expenses/actual"));
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.late()).isFalse();
    }

    @Test
    void reportsAnUnknownPlanOnceRatherThanOncePerItem() {
        ProgressReport report = withPlan(report("MINFIN", 2022, inProgress("99"), inProgress("1"), inProgress("4-1")),
                "PLAN-2030");

        RuleOutcome outcome = rules.check(report, MZ, BEFORE_DEADLINE_2022, NONE_ACCEPTED);

        assertThat(outcome.errors()).extracting(ValidationError::code, ValidationError::path).containsExactly(
                tuple(UNKNOWN_AGENCY, "/agency"),
                tuple(AGENCY_MISMATCH, "/agency"),
                tuple(UNKNOWN_PLAN, "/plan"));
        assertThat(outcome.warnings()).isEmpty();
        assertThat(outcome.late()).isFalse();
    }

    @Test
    void refusesOtherwiseCleanReportFromAnUnidentifiedSender() {
        RuleOutcome outcome = rules.check(cleanReport(), null, BEFORE_DEADLINE_2022, NONE_ACCEPTED);

        assertThat(outcome.errors()).extracting(ValidationError::code, ValidationError::path)
                .containsExactly(tuple(UNKNOWN_AGENCY, ""));
        assertThat(outcome.accepted()).isFalse();
    }

    @Test
    void acceptsReportWhoseOnlyFindingIsAWarning() {
        ProgressReport report = report(MZ, 2022, spending(inProgress("2"), null, "10"));

        RuleOutcome outcome = rules.check(report, MZ, BEFORE_DEADLINE_2022, NONE_ACCEPTED);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.warnings()).extracting(ValidationError::code).containsExactly(FINANCING_NOT_PLANNED);
    }

    @Test
    void acceptsCorrectionOfAnEarlierAcceptedReport() {
        ProgressReport correction = correcting(cleanReport(), "R-MZ-2022-FIRST");
        AcceptedReports firstAccepted = (reportId, agency, year) ->
                reportId.equals("R-MZ-2022-FIRST") && agency.equals(MZ) && year == 2022;

        RuleOutcome outcome = rules.check(correction, MZ, BEFORE_DEADLINE_2022, firstAccepted);

        assertThat(outcome.errors()).isEmpty();
    }

    @Nested
    class Lateness {
        @Test
        void treatsTheLastSecondOfTenJanuaryInAlmatyAsOnTime() {
            RuleOutcome outcome = rules.check(cleanReport(), MZ, almaty("2023-01-10T23:59:59"), NONE_ACCEPTED);

            assertThat(outcome.late()).isFalse();
        }

        @Test
        void flagsReportReceivedOnElevenJanuaryAsLate() {
            RuleOutcome outcome = rules.check(cleanReport(), MZ, almaty("2023-01-11T00:00:00"), NONE_ACCEPTED);

            assertThat(outcome.late()).isTrue();
        }

        @Test
        void acceptsLateReportAndOnlyFlagsIt() {
            RuleOutcome outcome = rules.check(cleanReport(), MZ, almaty("2023-03-01T09:00:00"), NONE_ACCEPTED);

            assertThat(outcome.late()).isTrue();
            assertThat(outcome.errors()).isEmpty();
            assertThat(outcome.accepted()).isTrue();
        }

        @Test
        void flagsReportReceivedAfterMidnightInAlmatyEvenWhileUtcIsStillOnTenJanuary() {
            // 18:30 UTC on 10 January 2023 is 00:30 on 11 January in Almaty (UTC+6 then).
            RuleOutcome outcome = rules.check(cleanReport(), MZ, Instant.parse("2023-01-10T18:30:00Z"), NONE_ACCEPTED);

            assertThat(outcome.late()).isTrue();
        }

        @Test
        void measuresTheDeadlineFromTheReportedYearNotTheYearOfReceipt() {
            ProgressReport for2021 = report(MZ, 2021, inProgress("1"), inProgress("2"));

            assertThat(rules.check(for2021, MZ, almaty("2022-01-10T18:00:00"), NONE_ACCEPTED).late()).isFalse();
            assertThat(rules.check(for2021, MZ, almaty("2023-01-05T12:00:00"), NONE_ACCEPTED).late()).isTrue();
        }

        @Test
        void treatsReportSentDuringTheReportingYearAsOnTime() {
            RuleOutcome outcome = rules.check(cleanReport(), MZ, almaty("2022-12-20T15:00:00"), NONE_ACCEPTED);

            assertThat(outcome.late()).isFalse();
        }
    }
}
