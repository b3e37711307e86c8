package kz.gov.safework.contract.envelope;

/** Artemis address names of the external contract (DESIGN.md §4) and of the hub's internal queues. */
public final class Queues {
    public static final String REPORTS_IN = "reports.in";
    public static final String RECEIPTS_PREFIX = "receipts.";
    public static final String MTSZN_FEED = "mtszn.feed";
    public static final String GOVERNMENT_OUTBOX = "government.outbox";
    public static final String DLQ = "DLQ";
    public static final String EXPIRY = "ExpiryQueue";

    /** Envelopes from every channel adapter to the pipeline. */
    public static final String INTAKE = "hub.intake";
    /** Receipts from the pipeline back to the adapter of a channel: {@code hub.receipts.<channel id>}. */
    public static final String HUB_RECEIPTS_PREFIX = "hub.receipts.";

    /**
     * Artemis' duplicate-detection property: every message the hub sends carries a deterministic value,
     * so a send repeated after a crash is dropped by the broker.
     */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    public static String receiptsOf(String agencyCode) {
        return RECEIPTS_PREFIX + agencyCode;
    }

    public static String hubReceiptsOf(Channel channel) {
        return HUB_RECEIPTS_PREFIX + channel.id();
    }

    private Queues() {
    }
}
