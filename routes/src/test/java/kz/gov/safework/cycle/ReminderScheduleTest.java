package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import kz.gov.safework.contract.reference.Plan;
import org.junit.jupiter.api.Test;

class ReminderScheduleTest {
    private final Plan plan = TestReference.create().plan(TestReference.PLAN).orElseThrow();
    private final ReminderSchedule schedule = ReminderSchedule.parse("-20d, -5d, +1d");

    @Test
    void nothingIsDueBeforeTheFirstOffset() {
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2022, 12, 20))).isEmpty();
    }

    @Test
    void eachOffsetIsDueFromItsDayUntilTheNextOffset() {
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2022, 12, 21))).contains(-20);
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2023, 1, 4))).contains(-20);
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2023, 1, 5))).contains(-5);
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2023, 1, 11))).contains(1);
    }

    @Test
    void lastOffsetEndsOnTheConsolidatedDueDate() {
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2023, 1, 31))).contains(1);
        assertThat(schedule.activeOffset(plan, 2022, LocalDate.of(2023, 2, 1))).isEmpty();
    }

    @Test
    void rejectsAnOffsetThatIsNotANumberOfDays() {
        assertThatThrownBy(() -> ReminderSchedule.parse("-20d, soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("soon");
    }
}
