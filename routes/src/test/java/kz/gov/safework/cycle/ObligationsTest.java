package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import org.junit.jupiter.api.Test;

class ObligationsTest {
    private final ReferenceData reference = TestReference.create();
    private final Obligations obligations = new Obligations(reference);
    private final Plan plan = reference.plan(TestReference.PLAN).orElseThrow();

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
    void itemWhoseDeadlineEndedIsNotOwed() {
        assertThat(obligations.owed(plan, 2021)).extracting(o -> o.item().number()).contains("3");
        assertThat(obligations.owed(plan, 2022)).extracting(o -> o.item().number()).doesNotContain("3");
    }

    @Test
    void yearWhoseDueDateFallsAfterTheRepealIsNotOwed() {
        assertThat(Obligations.yearOwed(plan, 2022)).isTrue();
        assertThat(Obligations.yearOwed(plan, 2023)).isFalse();
        assertThat(obligations.owed(plan, 2023)).isEmpty();
    }

    @Test
    void yearOutsideThePlanIsNotOwed() {
        assertThat(Obligations.yearOwed(plan, 2020)).isFalse();
    }
}
