package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredEntry;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.gov.safework.contract.report.ItemStatus;

/**
 * What the reports for the plan's earlier years say, as far as a later year needs it: which agency marked
 * which item completed (its obligation ends after the item's deadline year), and the reported planned and
 * actual amounts per item (the cumulative figures of the consolidated report). Built from the current
 * (latest accepted) version of each agency's entry per year.
 */
public record EarlierYears(Set<String> completed, Map<String, BigDecimal> planned, Map<String, BigDecimal> actual) {

    public static final EarlierYears NONE = new EarlierYears(Set.of(), Map.of(), Map.of());

    public EarlierYears {
        // Sorted, so that the fingerprint does not depend on iteration order.
        completed = Collections.unmodifiableSortedSet(new TreeSet<>(completed));
        planned = Collections.unmodifiableSortedMap(new TreeMap<>(planned));
        actual = Collections.unmodifiableSortedMap(new TreeMap<>(actual));
    }

    public boolean completed(String agency, String item) {
        return completed.contains(agency + "|" + item);
    }

    /** Folds the current entries of each earlier year (the {@code current} of {@code SubmissionStore.cellVersions}), oldest year first. */
    public static EarlierYears of(List<List<StoredEntry>> years) {
        Set<String> completed = new TreeSet<>();
        Map<String, BigDecimal> planned = new TreeMap<>();
        Map<String, BigDecimal> actual = new TreeMap<>();
        for (List<StoredEntry> current : years) {
            for (StoredEntry e : current) {
                if (e.status() == ItemStatus.COMPLETED) {
                    completed.add(e.agency() + "|" + e.item());
                }
                if (e.expensesPlanned() != null) {
                    planned.merge(e.item(), e.expensesPlanned(), BigDecimal::add);
                }
                if (e.expensesActual() != null) {
                    actual.merge(e.item(), e.expensesActual(), BigDecimal::add);
                }
            }
        }
        return new EarlierYears(completed, planned, actual);
    }

    /** For the consolidation's fingerprint: a change in an earlier year changes the cumulative figures. */
    String fingerprint() {
        return completed + ";" + planned + ";" + actual;
    }
}
