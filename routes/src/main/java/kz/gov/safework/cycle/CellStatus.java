package kz.gov.safework.cycle;

/**
 * State of one cell of the expected-submission matrix (one agency × one item it is asked about in a year).
 * See routes/CYCLE.md for the rules.
 */
public enum CellStatus {
    /** Nothing from the agency for this plan and year. */
    MISSING("нет сведений", "—"),
    /** Accepted on time. */
    ACCEPTED("представлено", "✓"),
    /** Accepted, after the agencies' due date. */
    ACCEPTED_LATE("с опозданием", "П"),
    /** The agency only sent documents that were rejected. */
    REJECTED_ONLY("отклонено", "О"),
    /** Accepted, and replaced at least once by a correction; the latest version counts. */
    CORRECTED("исправлено", "И"),
    /** A contributor (not obliged by paragraph 2) that has sent nothing: never missing, never reminded. */
    NOT_REQUIRED("не обязательно", "·");

    private final String labelRu;
    private final String symbol;

    CellStatus(String labelRu, String symbol) {
        this.labelRu = labelRu;
        this.symbol = symbol;
    }

    public String labelRu() {
        return labelRu;
    }

    /** One character for the compliance grid of the PDF. */
    public String symbol() {
        return symbol;
    }

    public boolean reported() {
        return this == ACCEPTED || this == ACCEPTED_LATE || this == CORRECTED;
    }
}
