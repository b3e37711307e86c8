package kz.gov.safework.contract.envelope;

import java.util.regex.Pattern;

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

    /** What may follow {@code receipts.<CODE>} in a reply-to: one more level, a plain name (no wildcard, no ':'). */
    private static final Pattern REPLY_TO_SUFFIX = Pattern.compile("(\\.[A-Za-z0-9_-]{1,64})?");

    /**
     * Whether a sender's reply-to may be honoured for an agency: exactly {@code receipts.<CODE>} or
     * {@code receipts.<CODE>.<name>} with name {@code [A-Za-z0-9_-]{1,64}} (DESIGN.md §4). Anything else,
     * including FQQN syntax ({@code a::b}), wildcards and URI options, is not a queue of that agency.
     */
    public static boolean isReplyToOf(String agencyCode, String replyTo) {
        if (agencyCode == null || replyTo == null) {
            return false;
        }
        String own = receiptsOf(agencyCode);
        return replyTo.startsWith(own) && REPLY_TO_SUFFIX.matcher(replyTo).region(own.length(), replyTo.length()).matches();
    }

    public static String hubReceiptsOf(Channel channel) {
        return HUB_RECEIPTS_PREFIX + channel.id();
    }

    private Queues() {
    }
}
