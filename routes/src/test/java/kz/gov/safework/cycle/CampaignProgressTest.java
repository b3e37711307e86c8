package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import kz.gov.safework.contract.reference.Plan;
import org.junit.jupiter.api.Test;

/** Which reporting year's campaign runs on a day (the test plan reports 2021 to 2025 and was repealed in 2023). */
class CampaignProgressTest {
    private final Plan plan = TestReference.create().plan(TestReference.PLAN).orElseThrow();

    @Test
    void theDueDateItselfStillBelongsToTheYearItEnds() {
        assertThat(CampaignProgress.campaignYear(plan, LocalDate.of(2022, 1, 10))).isEqualTo(2021);
        assertThat(CampaignProgress.campaignYear(plan, LocalDate.of(2022, 1, 11))).isEqualTo(2022);
    }

    @Test
    void beforeTheFirstDueDateItIsTheFirstYear() {
        assertThat(CampaignProgress.campaignYear(plan, LocalDate.of(2021, 6, 1))).isEqualTo(2021);
    }

    @Test
    void afterTheLastOwedYearItStaysOnThatYear() {
        // 2023 to 2025 are not owed: their due dates come after the repeal of 28.12.2023.
        assertThat(CampaignProgress.campaignYear(plan, LocalDate.of(2023, 1, 11))).isEqualTo(2022);
        assertThat(CampaignProgress.campaignYear(plan, LocalDate.of(2030, 1, 1))).isEqualTo(2022);
    }
}
