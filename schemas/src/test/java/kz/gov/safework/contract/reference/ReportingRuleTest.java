package kz.gov.safework.contract.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** "до 10 января": both readings, in the plan's zone. */
class ReportingRuleTest {
    private static final MonthDay JAN_10 = MonthDay.of(1, 10);
    private static final MonthDay FEB_1 = MonthDay.of(2, 1);

    @Test
    void inclusiveReadingKeepsTheTenthOnTimeInAlmatyByDefault() {
        ReportingRule rule = new ReportingRule(JAN_10, FEB_1);
        assertThat(rule.dueReading()).isEqualTo(ReportingRule.DueReading.INCLUSIVE);
        assertThat(rule.zone()).isEqualTo(ZoneId.of("Asia/Almaty"));
        assertThat(rule.agencyDueDate(2022)).isEqualTo(LocalDate.of(2023, 1, 10));
        assertThat(rule.lastDayOnTime(2022)).isEqualTo(LocalDate.of(2023, 1, 10));
        assertThat(rule.lateFrom(2022)).isEqualTo(Instant.parse("2023-01-10T18:00:00Z")); // 11.01 00:00 UTC+6
        assertThat(rule.consolidatedDueDate(2022)).isEqualTo(LocalDate.of(2023, 2, 1));
    }

    @Test
    void exclusiveReadingMakesTheNinthTheLastDay() {
        ReportingRule rule = new ReportingRule(JAN_10, FEB_1, ReportingRule.DueReading.EXCLUSIVE, ZoneId.of("UTC"));
        assertThat(rule.lastDayOnTime(2022)).isEqualTo(LocalDate.of(2023, 1, 9));
        assertThat(rule.lateFrom(2022)).isEqualTo(Instant.parse("2023-01-10T00:00:00Z"));
    }
}
