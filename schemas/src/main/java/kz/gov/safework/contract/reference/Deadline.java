package kz.gov.safework.contract.reference;

/**
 * A plan item's deadline, structured, with the decree's wording kept in {@code original}.
 * {@code fromYear}..{@code toYear} is the span of years the item runs (equal for a single year);
 * {@code month} (1..12) or {@code quarter} (1..4) narrow a single-year deadline when the decree says so.
 */
public record Deadline(DeadlineKind kind, int fromYear, int toYear, Integer month, Integer quarter, String original) {

    public enum DeadlineKind {
        YEAR, MONTH, QUARTER, HALF_YEAR, YEAR_RANGE, ANNUALLY, TWICE_A_YEAR
    }

    public boolean covers(int year) {
        return year >= fromYear && year <= toYear;
    }
}
