package kz.gov.safework.contract.reference;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who a login is, on every channel that has logins (broker, HTTP, SFTP): the agency behind it, if any, and its
 * roles. An agency's login is its code in lower case; {@value #OPERATOR_LOGIN} runs the hub, {@value #GOVERNMENT_LOGIN}
 * receives the consolidated package, and the agency {@value #MINISTRY_AGENCY} is the ministry that reads the feed
 * and approves. One place for this mapping; a channel decides only what each role may do there.
 */
public final class Principals {
    public static final String OPERATOR_LOGIN = "operator";
    public static final String GOVERNMENT_LOGIN = "government";
    public static final String MINISTRY_AGENCY = "MTSZN";

    /** What a login is. */
    public enum Role {
        /** Runs the hub: the operator console and API. */
        OPERATOR,
        /** The ministry (agency MTSZN): the feed, every agency's progress, approval of the consolidated report. */
        MTSZN,
        /** The Government's system: the consolidated package. */
        GOVERNMENT,
        /** A reporting agency (MTSZN is one too): sends reports, reads its own receipts. */
        AGENCY
    }

    /** A login (lower case), its agency's code (null for none) and its roles. */
    public record Principal(String login, String agency, Set<Role> roles) {
        public Principal {
            roles = Set.copyOf(roles);
        }

        public boolean has(Role role) {
            return roles.contains(role);
        }
    }

    private final ReferenceData referenceData;

    public Principals(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    /** The principal of a login (proven by the channel); a login with no role gets an empty role set. */
    public Principal of(String login) {
        String lower = login.toLowerCase(Locale.ROOT);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Agency agency = referenceData.agencyByLogin(lower).orElse(null);
        if (agency != null) {
            roles.add(Role.AGENCY);
            if (agency.code().equals(MINISTRY_AGENCY)) {
                roles.add(Role.MTSZN);
            }
        }
        if (lower.equals(OPERATOR_LOGIN)) {
            roles.add(Role.OPERATOR);
        }
        if (lower.equals(GOVERNMENT_LOGIN)) {
            roles.add(Role.GOVERNMENT);
        }
        return new Principal(lower, agency == null ? null : agency.code(), roles);
    }
}
