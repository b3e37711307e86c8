package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.gov.safework.contract.reference.Deadline;
import kz.gov.safework.contract.reference.LegalAct;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.Responsible;
import org.junit.jupiter.api.Test;

/** The rules of routes/CYCLE.md "Who owes what" on the small test plan; the decree's own cases: DecreeObligationsTest. */
class ObligationsTest {
    private final ReferenceData reference = TestReference.create();
    private final Obligations obligations = new Obligations(reference);
    private final Plan plan = reference.plan(TestReference.PLAN).orElseThrow();

    private static EarlierYears completed(String... agencyItem) {
        return new EarlierYears(Set.of(agencyItem), Map.of(), Map.of());
    }

    @Test
    void itemAddedByTheAmendmentIsOwedOnlyFromItsYear() {
        assertThat(obligations.owed(plan, 2021)).extracting(o -> o.item().number()).doesNotContain("4-1");
        assertThat(obligations.owed(plan, 2022)).extracting(o -> o.agency(), o -> o.item().number())
                .contains(tuple("MVD", "4-1"));
    }

    @Test
    void groupIsExpandedToEveryMember() {
        assertThat(obligations.owed(plan, 2022)).filteredOn(o -> o.item().number().equals("2"))
                .extracting(Obligations.Obligation::agency).containsExactly("AKIMAT-ASTANA", "AKIMAT-ALMATY");
    }

    @Test
    void itemPastItsDeadlineYearIsAskedUntilTheAgencysReportMarksItCompleted() {
        assertThat(obligations.owed(plan, 2021)).extracting(o -> o.agency(), o -> o.item().number())
                .contains(tuple("MZ", "3"));
        assertThat(obligations.owed(plan, 2022)).extracting(o -> o.agency(), o -> o.item().number())
                .contains(tuple("MZ", "3"));
        assertThat(obligations.owed(plan, 2022, completed("MZ|3"))).extracting(o -> o.item().number())
                .doesNotContain("3");
        // Another agency's completion does not end MZ's obligation.
        assertThat(obligations.owed(plan, 2022, completed("MTSZN|3"))).extracting(o -> o.agency(), o -> o.item().number())
                .contains(tuple("MZ", "3"));
    }

    @Test
    void itemCompletedBeforeItsDeadlineYearIsStillAskedUpToThatYear() {
        assertThat(obligations.owed(plan, 2022, completed("MTSZN|1"))).extracting(o -> o.agency(), o -> o.item().number())
                .contains(tuple("MTSZN", "1"));
    }

    @Test
    void itemIsAskedFromTheYearItIsInForceToItsDeadlineYearThenUntilCompleted() {
        PlanItem item = item(2022, 2023, 2024);
        assertThat(Obligations.itemAsked(item, 2021, false)).isFalse();
        assertThat(Obligations.itemAsked(item, 2022, false)).as("before its deadline years").isTrue();
        assertThat(Obligations.itemAsked(item, 2024, true)).as("deadline year, completed earlier").isTrue();
        assertThat(Obligations.itemAsked(item, 2025, false)).as("past its deadline, not completed").isTrue();
        assertThat(Obligations.itemAsked(item, 2025, true)).as("past its deadline, completed").isFalse();
    }

    @Test
    void yearWhoseDueDateFallsAfterTheRepealIsNotOwed() {
        assertThat(Obligations.yearOwed(plan, 2022)).isTrue();
        assertThat(Obligations.yearOwed(plan, 2023)).isFalse();
        assertThat(obligations.owed(plan, 2023)).isEmpty();
    }

    @Test
    void theRepealCountsFromItsEffectiveDateAndADueDateOnThatDayIsStillOwed() {
        assertThat(Obligations.yearOwed(repealedEffective(LocalDate.of(2023, 1, 10)), 2022)).isTrue();
        assertThat(Obligations.yearOwed(repealedEffective(LocalDate.of(2023, 1, 9)), 2022)).isFalse();
        assertThat(Obligations.yearOwed(repealedEffective(LocalDate.of(2023, 1, 9)), 2021)).isTrue();
    }

    @Test
    void yearOutsideThePlanIsNotOwed() {
        assertThat(Obligations.yearOwed(plan, 2020)).isFalse();
        assertThat(obligations.owed(plan, 2020)).isEmpty();
    }

    @Test
    void eachObligationCarriesTheKindOfItsEntryAndContributorsAreNotRequired() {
        assertThat(obligations.owed(plan, 2022)).allSatisfy(o -> assertThat(o.kind()).isEqualTo(ObligationKind.OWES));
        assertThat(new Obligations.Obligation("X", item(2021, 2021, 2021)).required()).isTrue();
        assertThat(new Obligations.Obligation("X", item(2021, 2021, 2021), ObligationKind.BY_AGREEMENT).required())
                .isTrue();
        assertThat(new Obligations.Obligation("X", item(2021, 2021, 2021), ObligationKind.CONTRIBUTES).required())
                .isFalse();
    }

    @Test
    void agenciesAreListedOnceInOrderOfFirstAppearance() {
        assertThat(obligations.agencies(plan, 2022))
                .containsExactly("MTSZN", "MZ", "AKIMAT-ASTANA", "AKIMAT-ALMATY", "MVD");
    }

    private Plan repealedEffective(LocalDate effective) {
        return new Plan(plan.id(), plan.titleRu(), plan.titleEn(), plan.approved(), plan.amendments(),
                new LegalAct(LocalDate.of(2022, 12, 1), "1", "repeal", List.of(), effective), plan.reporting(),
                plan.firstReportingYear(), plan.lastReportingYear(), plan.sections(), plan.items());
    }

    private static PlanItem item(int inForce, int from, int to) {
        return new PlanItem("99", 1, "t", "f", new Deadline(Deadline.DeadlineKind.YEAR_RANGE, from, to, null, null,
                from + " – " + to), List.of(new Responsible("MTSZN", false)), null, inForce, null);
    }
}
