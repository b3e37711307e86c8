package kz.gov.safework.cycle;

import kz.gov.safework.store.SubmissionStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.StoreFixture.Entry;
import kz.gov.safework.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The campaign gauges the alert rules read: agencies still owing per plan and year, and days left until the
 * agencies' due date (10 January), by the cycle's clock and zone.
 */
class CycleGaugesTest {
    private final ReferenceData reference = TestReference.create();
    private final StoreFixture store = new StoreFixture("cycle-gauges-" + UUID.randomUUID());
    // 8 January 2023, 10:00 in Almaty: two days before the 2022 reports are due.
    private final MutableClock clock = new MutableClock(Instant.parse("2023-01-08T05:00:00Z"));
    private final CycleData data = new CycleData(reference, new CycleStore(store.dataSource),
            new SubmissionStore(store.dataSource, clock), clock,
            ZoneId.of("Asia/Almaty"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CycleGauges gauges = new CycleGauges(data, registry);

    private double value(String name, int year) {
        return registry.get(name).tag(CycleGauges.TAG_PLAN, TestReference.PLAN)
                .tag(CycleGauges.TAG_YEAR, Integer.toString(year)).gauge().value();
    }

    private int agenciesOwing(int year) {
        return data.state(reference.plan(TestReference.PLAN).orElseThrow(), year).outstanding(false).size();
    }

    @Test
    void countsTheAgenciesThatStillOweAndTheDaysLeftUntilTheDueDate() {
        gauges.refresh();
        assertThat(value(CycleGauges.MISSING, 2022)).isEqualTo(agenciesOwing(2022)).isEqualTo(5);
        assertThat(value(CycleGauges.DAYS_LEFT, 2022)).isEqualTo(2);
        assertThat(value(CycleGauges.DAYS_LEFT, 2021)).as("the 2021 reports were due on 10 January 2022").isEqualTo(-363);
    }

    @Test
    void anAgencyThatHasReportedEveryItemNoLongerCounts() {
        gauges.refresh();
        double before = value(CycleGauges.MISSING, 2022);
        store.accepted("s1", "MVD", "r1", 2022, Instant.parse("2023-01-05T05:00:00Z"), false, null,
                Entry.of("4-1", ItemStatus.COMPLETED, "Сделано"));
        assertThat(agenciesOwing(2022)).as("MVD owes item 4-1 only in this plan").isEqualTo(4);
        gauges.refresh();
        assertThat(value(CycleGauges.MISSING, 2022)).isEqualTo(before - 1);
    }

    @Test
    void daysLeftFollowTheClockAndTurnNegativeAfterTheDueDate() {
        gauges.refresh();
        clock.set(Instant.parse("2023-01-10T17:59:59Z")); // Almaty was UTC+6 until 2024
        gauges.refresh();
        assertThat(value(CycleGauges.DAYS_LEFT, 2022)).as("23:59 on the due day in Almaty").isEqualTo(0);
        clock.set(Instant.parse("2023-01-10T18:00:00Z"));
        gauges.refresh();
        assertThat(value(CycleGauges.DAYS_LEFT, 2022)).as("the day after, in Almaty").isEqualTo(-1);
    }
}
