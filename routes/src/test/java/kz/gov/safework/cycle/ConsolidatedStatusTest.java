package kz.gov.safework.cycle;

import static kz.gov.safework.contract.report.ItemStatus.COMPLETED;
import static kz.gov.safework.contract.report.ItemStatus.IN_PROGRESS;
import static kz.gov.safework.contract.report.ItemStatus.NOT_DUE;
import static kz.gov.safework.contract.report.ItemStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolidatedStatusTest {

    @Test
    void itemNobodyReportedIsNotReported() {
        assertThat(ConsolidatedStatus.derive(List.of(), 2)).isEqualTo(ConsolidatedStatus.NOT_REPORTED);
    }

    @Test
    void itemIsCompletedOnlyWhenEveryResponsibleAgencyCompletedIt() {
        assertThat(ConsolidatedStatus.derive(List.of(COMPLETED, COMPLETED), 2)).isEqualTo(ConsolidatedStatus.COMPLETED);
        assertThat(ConsolidatedStatus.derive(List.of(COMPLETED), 2)).isEqualTo(ConsolidatedStatus.IN_PROGRESS);
        assertThat(ConsolidatedStatus.derive(List.of(COMPLETED, NOT_STARTED), 2)).isEqualTo(ConsolidatedStatus.IN_PROGRESS);
    }

    @Test
    void itemEveryReporterSaysIsNotDueIsNotDue() {
        assertThat(ConsolidatedStatus.derive(List.of(NOT_DUE), 2)).isEqualTo(ConsolidatedStatus.NOT_DUE);
    }

    @Test
    void itemWithoutProgressIsNotStarted() {
        assertThat(ConsolidatedStatus.derive(List.of(NOT_STARTED, NOT_DUE), 2)).isEqualTo(ConsolidatedStatus.NOT_STARTED);
        assertThat(ConsolidatedStatus.derive(List.of(IN_PROGRESS, NOT_STARTED), 2)).isEqualTo(ConsolidatedStatus.IN_PROGRESS);
    }
}
