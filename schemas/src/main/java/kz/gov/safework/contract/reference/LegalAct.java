package kz.gov.safework.contract.reference;

import java.time.LocalDate;
import java.util.List;

/** A decree that approved, amended or repealed a plan; {@code addedItems} for amendments. */
public record LegalAct(LocalDate date, String number, String title, List<String> addedItems) {
    public LegalAct {
        addedItems = addedItems == null ? List.of() : List.copyOf(addedItems);
    }
}
