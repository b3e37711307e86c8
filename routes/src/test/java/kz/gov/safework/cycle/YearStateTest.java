package kz.gov.safework.cycle;

import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.StoredSubmission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.StoreFixture.Entry;
import org.junit.jupiter.api.Test;

class YearStateTest {
    private final ReferenceData reference = TestReference.create();
    private final Plan plan = reference.plan(TestReference.PLAN).orElseThrow();
    private final StoreFixture store = new StoreFixture("year-state-" + UUID.randomUUID());
    private final CycleData data = new CycleData(reference, new CycleStore(store.dataSource),
            new SubmissionStore(store.dataSource, Clock.systemUTC()),
            Clock.fixed(Instant.parse("2023-01-20T00:00:00Z"), ZoneOffset.UTC), ZoneId.of("Asia/Almaty"));

    private CellState cell(YearState state, String agency, String item) {
        return state.cells().stream().filter(c -> c.agency().equals(agency) && c.item().number().equals(item))
                .findFirst().orElseThrow();
    }

    @Test
    void cellWithoutAnySubmissionIsMissing() {
        assertThat(cell(data.state(plan, 2022), "MVD", "4-1").status()).isEqualTo(CellStatus.MISSING);
    }

    @Test
    void cellAcceptedOnTimeIsAcceptedAndAfterTheDueDateAcceptedLate() {
        store.accepted("s1", "MTSZN", "r1", 2022, Instant.parse("2023-01-05T05:00:00Z"), false, null,
                Entry.of("1", ItemStatus.COMPLETED, "Сделано"));
        store.accepted("s2", "MVD", "r2", 2022, Instant.parse("2023-01-15T05:00:00Z"), true, null,
                Entry.of("4-1", ItemStatus.IN_PROGRESS, "Идёт работа"));
        YearState state = data.state(plan, 2022);
        assertThat(cell(state, "MTSZN", "1").status()).isEqualTo(CellStatus.ACCEPTED);
        assertThat(cell(state, "MTSZN", "5").status()).isEqualTo(CellStatus.MISSING);
        assertThat(cell(state, "MVD", "4-1").status()).isEqualTo(CellStatus.ACCEPTED_LATE);
    }

    @Test
    void agencyWithOnlyRejectedAttemptsIsRejectedOnly() {
        store.rejected("s3", "AKIMAT-ALMATY", 2022, Instant.parse("2023-01-05T05:00:00Z"));
        CellState cell = cell(data.state(plan, 2022), "AKIMAT-ALMATY", "2");
        assertThat(cell.status()).isEqualTo(CellStatus.REJECTED_ONLY);
        assertThat(cell.versions()).extracting(StoredSubmission::submissionId).containsExactly("s3");
    }

    @Test
    void correctionReplacesOnlyTheItemsItCarriesAndKeepsEveryVersion() {
        store.accepted("s4", "MTSZN", "r4", 2022, Instant.parse("2023-01-05T05:00:00Z"), false, null,
                Entry.of("1", ItemStatus.IN_PROGRESS, "В работе"), Entry.of("5", ItemStatus.COMPLETED, "Готово"));
        store.accepted("s5", "MTSZN", "r5", 2022, Instant.parse("2023-01-12T05:00:00Z"), true, "r4",
                Entry.of("1", ItemStatus.COMPLETED, "Исполнено"));
        YearState state = data.state(plan, 2022);
        CellState item1 = cell(state, "MTSZN", "1");
        assertThat(item1.status()).isEqualTo(CellStatus.CORRECTED);
        assertThat(item1.current().status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(item1.versions()).extracting(StoredSubmission::submissionId).containsExactly("s4", "s5");
        CellState item5 = cell(state, "MTSZN", "5");
        assertThat(item5.status()).isEqualTo(CellStatus.ACCEPTED);
        assertThat(item5.current().submissionId()).isEqualTo("s4");
    }

    @Test
    void aFloodOfVersionsIsCountedWholeAndReadOnlyForItsLatest() {
        Instant first = Instant.parse("2023-01-02T05:00:00Z");
        int sent = YearState.VERSIONS_KEPT + 5;
        for (int i = 0; i < sent; i++) {
            store.accepted("v%03d".formatted(i), "MTSZN", "rv" + i, 2022, first.plusSeconds(i), false, null,
                    Entry.of("1", ItemStatus.IN_PROGRESS, "Версия " + i));
            store.rejected("x%03d".formatted(i), "AKIMAT-ALMATY", 2022, first.plusSeconds(i));
        }
        YearState state = data.state(plan, 2022);

        CellState flooded = cell(state, "MTSZN", "1");
        assertThat(flooded.status()).isEqualTo(CellStatus.CORRECTED);
        assertThat(flooded.versionCount()).isEqualTo(sent);
        assertThat(flooded.firstReceivedAt()).isEqualTo(first);
        assertThat(flooded.versions()).hasSize(YearState.VERSIONS_KEPT).last()
                .extracting(StoredSubmission::submissionId).isEqualTo("v%03d".formatted(sent - 1));
        assertThat(flooded.versions().get(0).submissionId()).isEqualTo("v%03d".formatted(sent - YearState.VERSIONS_KEPT));
        assertThat(flooded.current().narrativeRu()).isEqualTo("Версия " + (sent - 1));
        CellState refused = cell(state, "AKIMAT-ALMATY", "2");
        assertThat(refused.status()).isEqualTo(CellStatus.REJECTED_ONLY);
        assertThat(refused.versionCount()).isEqualTo(sent);
        assertThat(refused.versions()).hasSize(YearState.VERSIONS_KEPT);
    }
}
