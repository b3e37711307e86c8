package kz.gov.safework.contract.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Progress report v1: one agency, one plan, one reporting year, one or more item entries.
 * The canonical model both the XML and the JSON form are read into.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressReport(
        String reportId,
        String agency,
        String plan,
        int year,
        String correctionOf,
        Contact contact,
        List<ItemEntry> items) {

    public ProgressReport {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The reporting period as printed in receipts, e.g. "2022". */
    public String period() {
        return Integer.toString(year);
    }
}
