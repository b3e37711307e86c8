package kz.gov.safework.connectors.jms;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.Principals.Role;

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

    /** The broker roles of a principal ({@link Principals}: who the login is, the same on every channel). */
    public static Set<String> of(Principals.Principal principal) {
        Set<String> granted = new HashSet<>();
        if (principal.has(Role.AGENCY)) {
            granted.add(AGENCY);
            granted.add(agency(principal.agency()));
        }
        if (principal.has(Role.MTSZN)) {
            granted.add(FEED_CONSUMER);
        }
        if (principal.has(Role.GOVERNMENT)) {
            granted.add(GOVERNMENT);
        }
        if (principal.has(Role.OPERATOR)) {
            granted.add(OPERATOR);
        }
        return granted;
    }

    private BrokerRoles() {
    }
}
