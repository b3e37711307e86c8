package kz.gov.safework.cycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;

/**
 * Who owes what: for a plan and a reporting year, every responsible agency × every item it owes.
 *
 * <p>A year is owed when it is one of the plan's reporting years and, if the plan was repealed, the
 * agencies' due date for that year (10 January of the next year) is not after the repeal date: once the
 * decree that imposes the duty is repealed, no report falls due under it. An item is owed in a year when
 * it is in force that year (items of the 2022 amendment from 2022) and its deadline covers the year, by
 * every agency its responsible entries name, groups (all akimats, …) expanded.
 */
public final class Obligations {
    private final ReferenceData reference;

    public Obligations(ReferenceData reference) {
        this.reference = reference;
    }

    public record Obligation(String agency, PlanItem item) {
    }

    public static boolean yearOwed(Plan plan, int year) {
        if (!plan.coversYear(year)) {
            return false;
        }
        return plan.repealed() == null
                || !plan.reporting().agencyDueDate(year).isAfter(plan.repealed().date());
    }

    /** In plan order: item by item, agencies in the order the item names them. */
    public List<Obligation> owed(Plan plan, int year) {
        List<Obligation> owed = new ArrayList<>();
        if (!yearOwed(plan, year)) {
            return owed;
        }
        for (PlanItem item : plan.items()) {
            if (item.inForce(year) && item.deadline().covers(year)) {
                for (String agency : reference.expand(item.responsible())) {
                    owed.add(new Obligation(agency, item));
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
