package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredSubmission;
import kz.gov.safework.store.StoredEntry;

import java.time.Instant;
import java.util.List;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.PlanItem;

/**
 * One cell of the matrix with what is behind it: {@code versions} are the latest accepted submissions that
 * reported this item ({@link YearState#VERSIONS_KEPT} at most), oldest first, or the agency's latest rejected attempts
 * for {@code REJECTED_ONLY}; {@code versionCount} is how many there are in all, and {@code firstReceivedAt} when the
 * first accepted version came in (null when none did); {@code current} is the entry of the latest accepted version,
 * the one consolidation uses; {@code kind} is what the agency's entry obliges it to.
 */
public record CellState(
        String agency,
        PlanItem item,
        ObligationKind kind,
        CellStatus status,
        StoredEntry current,
        StoredSubmission currentSubmission,
        List<StoredSubmission> versions,
        int versionCount,
        Instant firstReceivedAt) {

    public boolean late() {
        return currentSubmission != null && currentSubmission.late();
    }
}
