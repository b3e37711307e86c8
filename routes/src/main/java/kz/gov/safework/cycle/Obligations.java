package kz.gov.safework.cycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;

/**
 * Who owes what: for a plan and a reporting year, every responsible agency × every item, with what the entry
 * obliges it to (routes/CYCLE.md, "Who owes what", states each rule with its paragraph of the decree).
 *
 * <p>A year is owed when it is one of the plan's reporting years and, if the plan was repealed, the agencies'
 * due date for that year is not after the repeal's effective date. An item is asked about every year from the
 * year it is in force up to and including its deadline year, and after that until the agency's report for an
 * earlier year marked it completed. It is asked of the agencies its responsible entries name that exist that
 * year, groups expanded.
 */
public final class Obligations {
    private final ReferenceData reference;

    public Obligations(ReferenceData reference) {
        this.reference = reference;
    }

    public record Obligation(String agency, PlanItem item, ObligationKind kind) {
        public Obligation(String agency, PlanItem item) {
            this(agency, item, ObligationKind.OWES);
        }

        /** Counts as missing and is reminded (by-agreement entries only when so configured). */
        public boolean required() {
            return kind != ObligationKind.CONTRIBUTES;
        }
    }

    public static boolean yearOwed(Plan plan, int year) {
        if (!plan.coversYear(year)) {
            return false;
        }
        return plan.repealed() == null
                || !plan.reporting().agencyDueDate(year).isAfter(plan.repealed().effectiveDate());
    }

    /**
     * Whether the item is asked about in the year: in force, and either not past its deadline year or not yet
     * marked completed by a report for an earlier year.
     */
    public static boolean itemAsked(PlanItem item, int year, boolean completedEarlier) {
        return item.inForce(year) && (year <= item.deadline().toYear() || !completedEarlier);
    }

    /** As {@link #owed(Plan, int, EarlierYears)} with nothing completed earlier. */
    public List<Obligation> owed(Plan plan, int year) {
        return owed(plan, year, EarlierYears.NONE);
    }

    /** In plan order: item by item, agencies in the order the item names them. */
    public List<Obligation> owed(Plan plan, int year, EarlierYears earlier) {
        List<Obligation> owed = new ArrayList<>();
        if (!yearOwed(plan, year)) {
            return owed;
        }
        for (PlanItem item : plan.items()) {
            for (Map.Entry<String, ObligationKind> agency : reference.expand(item.responsible(), year).entrySet()) {
                if (itemAsked(item, year, earlier.completed(agency.getKey(), item.number()))) {
                    owed.add(new Obligation(agency.getKey(), item, agency.getValue()));
                }
            }
        }
        return owed;
    }

    /** Agencies that owe anything, in order of first appearance in the plan. */
    public Set<String> agencies(Plan plan, int year) {
        Set<String> agencies = new LinkedHashSet<>();
        owed(plan, year).forEach(o -> agencies.add(o.agency()));
        return agencies;
    }

    public ReferenceData reference() {
        return reference;
    }
}
