package kz.gov.safework.contract.reference;

import java.util.List;

/**
 * One item of a plan, numbered as in the decree ("1" … "28", "4-1", "12-1", …).
 * {@code inForceFromYear} is the first reporting year the item exists (2022 for the items the
 * 2022 amendment added).
 */
public record PlanItem(
        String number,
        int section,
        String titleRu,
        String formRu,
        Deadline deadline,
        List<Responsible> responsible,
        Financing financing,
        int inForceFromYear,
        String addedBy) {

    public PlanItem {
        responsible = responsible == null ? List.of() : List.copyOf(responsible);
    }

    public boolean inForce(int year) {
        return year >= inForceFromYear;
    }
}
