package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredSubmission;
import kz.gov.safework.store.StoredEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;

/** Every cell of a plan and reporting year at one moment: the expected-submission matrix. */
public record YearState(Plan plan, int year, boolean owed, Instant asOf, List<CellState> cells, EarlierYears earlier) {

    /**
     * Builds the cells from the obligations and the store's rows for the plan and year.
     * Latest accepted version per agency and item = the accepted submission with an entry for the item
     * that was received last (a correction replaces the earlier report only for the items it carries).
     */
    public static YearState of(Plan plan, int year, Instant asOf, List<Obligations.Obligation> owed,
                               List<StoredSubmission> submissions, List<StoredEntry> entries, EarlierYears earlier) {
        Map<String, StoredSubmission> byId = new HashMap<>();
        submissions.forEach(s -> byId.put(s.submissionId(), s));
        Comparator<StoredSubmission> oldestFirst = Comparator.comparing(StoredSubmission::receivedAt)
                .thenComparing(StoredSubmission::submissionId);
        // Indexed once: a cell looks up its own entries and attempts instead of scanning the year's (a flood of
        // versions made every gauge tick cost cells x entries).
        Map<Cell, List<StoredEntry>> acceptedEntries = new HashMap<>();
        for (StoredEntry e : entries) {
            StoredSubmission s = byId.get(e.submissionId());
            if (s != null && s.accepted()) {
                acceptedEntries.computeIfAbsent(new Cell(e.agency(), e.item()), c -> new ArrayList<>()).add(e);
            }
        }
        Map<String, List<StoredSubmission>> rejectedByAgency = new HashMap<>();
        submissions.stream().filter(StoredSubmission::rejected).sorted(oldestFirst)
                .forEach(s -> rejectedByAgency.computeIfAbsent(s.agency(), a -> new ArrayList<>()).add(s));
        List<CellState> cells = new ArrayList<>();
        for (Obligations.Obligation o : owed) {
            List<StoredEntry> reported = acceptedEntries.getOrDefault(new Cell(o.agency(), o.item().number()), List.of())
                    .stream()
                    .sorted(Comparator.comparing(e -> byId.get(e.submissionId()), oldestFirst))
                    .toList();
            if (!reported.isEmpty()) {
                StoredEntry current = reported.get(reported.size() - 1);
                StoredSubmission currentSubmission = byId.get(current.submissionId());
                List<StoredSubmission> versions = reported.stream().map(e -> byId.get(e.submissionId())).toList();
                boolean corrected = versions.size() > 1 || currentSubmission.correctionOf() != null;
                CellStatus status = corrected ? CellStatus.CORRECTED
                        : currentSubmission.late() ? CellStatus.ACCEPTED_LATE : CellStatus.ACCEPTED;
                cells.add(new CellState(o.agency(), o.item(), o.kind(), status, current, currentSubmission, versions));
                continue;
            }
            List<StoredSubmission> rejected = rejectedByAgency.getOrDefault(o.agency(), List.of());
            CellStatus status = !o.required() ? CellStatus.NOT_REQUIRED
                    : rejected.isEmpty() ? CellStatus.MISSING : CellStatus.REJECTED_ONLY;
            cells.add(new CellState(o.agency(), o.item(), o.kind(), status, null, null,
                    o.required() ? List.copyOf(rejected) : List.of()));
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
