package kz.gov.safework.connectors.jms;

import java.util.Locale;

/** Broker role names: one per agency, plus the hub's own and the consumers of the outgoing addresses. */
public final class BrokerRoles {
    /** The hub itself: every permission, in-VM only. */
    public static final String HUB = "hub";
    /** Every agency: may send reports. */
    public static final String AGENCY = "agency";
    /** MTSZN's systems: consume the feed. */
    public static final String FEED_CONSUMER = "feed-consumer";
    /** The Government's system: consume the outbox. */
    public static final String GOVERNMENT = "government";
    public static final String OPERATOR = "operator";

    /** The role that alone may consume {@code receipts.<CODE>}. */
    public static String agency(String code) {
        return "agency-" + code.toLowerCase(Locale.ROOT);
    }

    private BrokerRoles() {
    }
}
