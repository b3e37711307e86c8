package kz.gov.safework.contract.reference;

import java.time.LocalDate;
import java.util.List;

/**
 * A decree that approved, amended or repealed a plan; {@code addedItems} for amendments. {@code effective} is
 * the day the act takes effect when it differs from its date (null: its date).
 */
public record LegalAct(LocalDate date, String number, String title, List<String> addedItems, LocalDate effective) {
    public LegalAct {
        addedItems = addedItems == null ? List.of() : List.copyOf(addedItems);
    }

    public LegalAct(LocalDate date, String number, String title, List<String> addedItems) {
        this(date, number, title, addedItems, null);
    }

    /** The day the act takes effect: {@code effective}, else the act's date. */
    public LocalDate effectiveDate() {
        return effective != null ? effective : date;
    }
}
