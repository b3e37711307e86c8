package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredSubmission;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionStore.Attempts;
import kz.gov.safework.store.SubmissionStore.CellVersions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;

/** Every cell of a plan and reporting year at one moment: the expected-submission matrix. */
public record YearState(Plan plan, int year, boolean owed, Instant asOf, List<CellState> cells, EarlierYears earlier) {

    /**
     * How many versions of a cell (and rejected attempts of an agency) are read and listed, the latest ones: an agency
     * reports once a year and corrects a few times, and a flood of versions must not fill the heap (the counts stay
     * whole, {@link CellState#versionCount}).
     */
    public static final int VERSIONS_KEPT = 20;

    /**
     * Builds the cells from the obligations and the store's rows for the plan and year: each agency and item's
     * accepted versions ({@code accepted}, the latest ones, and the current one's entry with its texts) and each
     * agency's rejected attempts ({@code rejected}), as {@link SubmissionStore#cellVersions} and
     * {@link SubmissionStore#rejected} read them.
     * Latest accepted version per agency and item = the accepted submission with an entry for the item that was
     * received last (a correction replaces the earlier report only for the items it carries).
     */
    public static YearState of(Plan plan, int year, Instant asOf, List<Obligations.Obligation> owed,
                               List<CellVersions> accepted, Map<String, Attempts> rejected, EarlierYears earlier) {
        Map<Cell, CellVersions> versions = new HashMap<>();
        accepted.forEach(v -> versions.put(new Cell(v.agency(), v.item()), v));
        List<CellState> cells = new ArrayList<>();
        for (Obligations.Obligation o : owed) {
            Cell key = new Cell(o.agency(), o.item().number());
            CellVersions reported = versions.get(key);
            if (reported != null) {
                StoredSubmission currentSubmission = reported.latest().get(reported.latest().size() - 1);
                boolean corrected = reported.count() > 1 || currentSubmission.correctionOf() != null;
                CellStatus status = corrected ? CellStatus.CORRECTED
                        : currentSubmission.late() ? CellStatus.ACCEPTED_LATE : CellStatus.ACCEPTED;
                cells.add(new CellState(o.agency(), o.item(), o.kind(), status, reported.current(), currentSubmission,
                        reported.latest(), reported.count(), reported.firstReceivedAt()));
                continue;
            }
            Attempts attempts = o.required() ? rejected.get(o.agency()) : null;
            CellStatus status = !o.required() ? CellStatus.NOT_REQUIRED
                    : attempts == null ? CellStatus.MISSING : CellStatus.REJECTED_ONLY;
            cells.add(new CellState(o.agency(), o.item(), o.kind(), status, null, null,
                    attempts == null ? List.of() : attempts.latest(), attempts == null ? 0 : attempts.count(), null));
        }
        return new YearState(plan, year, !owed.isEmpty(), asOf, List.copyOf(cells), earlier);
    }

    /** An agency and an item number: where an entry belongs in the matrix. */
    private record Cell(String agency, String item) {
    }

    public List<CellState> cellsOf(String agency) {
        return cells.stream().filter(c -> c.agency().equals(agency)).toList();
    }

    /**
     * Items each agency still owes (cells neither accepted nor corrected), agencies in plan order. Contributors
     * owe nothing; by-agreement cells count only with {@code byAgreement}.
     */
    public Map<String, List<CellState>> outstanding(boolean byAgreement) {
        Map<String, List<CellState>> outstanding = new LinkedHashMap<>();
        for (CellState cell : cells) {
            boolean counts = cell.kind() == ObligationKind.OWES
                    || byAgreement && cell.kind() == ObligationKind.BY_AGREEMENT;
            if (counts && !cell.status().reported()) {
                outstanding.computeIfAbsent(cell.agency(), a -> new ArrayList<>()).add(cell);
            }
        }
        return outstanding;
    }
}
