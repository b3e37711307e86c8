package kz.gov.safework.connectors.jms;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.Principals.Role;

/**
 * Broker roles, named in config/broker/broker.xml as {@link #roleName()} gives them: one per kind of login, plus
 * one per agency ({@link #agency}) for its own receipts.
 */
public enum BrokerRole {
    /** The hub itself: every permission, in-VM only. */
    HUB,
    /** Every agency: may send reports. */
    AGENCY,
    /** MTSZN's systems: consume the feed. */
    FEED_CONSUMER,
    /** The Government's system: consume the outbox. */
    GOVERNMENT,
    /** Operators: no broker permission of their own (they work through the HTTP API), named for the audit. */
    OPERATOR;

    /** The name broker.xml uses: {@code feed-consumer} for {@link #FEED_CONSUMER}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role that alone may consume {@code receipts.<CODE>}. */
    public static String agency(String code) {
        return "agency-" + code.toLowerCase(Locale.ROOT);
    }

    /** The broker roles of a principal ({@link Principals}: who the login is, the same on every channel). */
    public static Set<String> of(Principals.Principal principal) {
        Set<String> granted = new HashSet<>();
        if (principal.has(Role.AGENCY)) {
            granted.add(AGENCY.roleName());
            granted.add(agency(principal.agency()));
        }
        if (principal.has(Role.MTSZN)) {
            granted.add(FEED_CONSUMER.roleName());
        }
        if (principal.has(Role.GOVERNMENT)) {
            granted.add(GOVERNMENT.roleName());
        }
        if (principal.has(Role.OPERATOR)) {
            granted.add(OPERATOR.roleName());
        }
        return granted;
    }
}
