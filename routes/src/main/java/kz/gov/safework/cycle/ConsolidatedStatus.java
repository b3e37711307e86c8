package kz.gov.safework.cycle;

import java.util.Collection;
import kz.gov.safework.contract.report.ItemStatus;

/**
 * Status of a plan item in the consolidated report, derived from the latest status every responsible
 * agency reported (rules in routes/CYCLE.md, in this order):
 * NOT_REPORTED when no responsible agency reported the item; COMPLETED when every responsible agency
 * reported COMPLETED; NOT_DUE when every agency that reported said NOT_DUE; IN_PROGRESS when at least one
 * reported COMPLETED or IN_PROGRESS; NOT_STARTED otherwise.
 */
public enum ConsolidatedStatus {
    COMPLETED("Исполнено", "#2e7d32"),
    IN_PROGRESS("В процессе исполнения", "#f9a825"),
    NOT_STARTED("Не начато", "#c62828"),
    NOT_DUE("Срок не наступил", "#90a4ae"),
    NOT_REPORTED("Нет сведений", "#616161");

    private final String labelRu;
    private final String colour;

    ConsolidatedStatus(String labelRu, String colour) {
        this.labelRu = labelRu;
        this.colour = colour;
    }

    public String labelRu() {
        return labelRu;
    }

    public String colour() {
        return colour;
    }

    /**
     * @param reported latest status of each agency that reported the item
     * @param responsible how many agencies owe the item
     */
    public static ConsolidatedStatus derive(Collection<ItemStatus> reported, int responsible) {
        if (reported.isEmpty()) {
            return NOT_REPORTED;
        }
        if (reported.size() == responsible && reported.stream().allMatch(s -> s == ItemStatus.COMPLETED)) {
            return COMPLETED;
        }
        if (reported.stream().allMatch(s -> s == ItemStatus.NOT_DUE)) {
            return NOT_DUE;
        }
        if (reported.stream().anyMatch(s -> s == ItemStatus.COMPLETED || s == ItemStatus.IN_PROGRESS)) {
            return IN_PROGRESS;
        }
        return NOT_STARTED;
    }
}
