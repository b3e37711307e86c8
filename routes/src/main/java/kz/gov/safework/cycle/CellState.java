package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredSubmission;
import kz.gov.safework.store.StoredEntry;

import java.util.List;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.PlanItem;

/**
 * One cell of the matrix with what is behind it: {@code versions} are the accepted submissions that
 * reported this item, oldest first (or the rejected attempts for {@code REJECTED_ONLY}); {@code current}
 * is the entry of the latest accepted version, the one consolidation uses; {@code kind} is what the agency's
 * entry obliges it to.
 */
public record CellState(
        String agency,
        PlanItem item,
        ObligationKind kind,
        CellStatus status,
        StoredEntry current,
        StoredSubmission currentSubmission,
        List<StoredSubmission> versions) {

    public boolean late() {
        return currentSubmission != null && currentSubmission.late();
    }
}
