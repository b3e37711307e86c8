package kz.gov.safework.cycle;

import java.util.Optional;
import kz.gov.safework.contract.reference.ReferenceData;

/**
 * Who is calling the cycle API: the {@code operator}, the ministry ({@code mtszn}) or an agency
 * (its login = code in lower case), which sees only its own rows.
 */
public record ApiCaller(String login, Role role, String agency) {
    public static final String OPERATOR_LOGIN = "operator";
    public static final String MINISTRY_LOGIN = "mtszn";

    public enum Role {
        OPERATOR, MINISTRY, AGENCY
    }

    public static Optional<ApiCaller> of(String login, ReferenceData reference) {
        if (OPERATOR_LOGIN.equals(login)) {
            return Optional.of(new ApiCaller(login, Role.OPERATOR, null));
        }
        if (MINISTRY_LOGIN.equals(login)) {
            return Optional.of(new ApiCaller(login, Role.MINISTRY, null));
        }
        return reference.agencyByLogin(login).map(a -> new ApiCaller(login, Role.AGENCY, a.code()));
    }

    /** Operator and ministry see every agency. */
    public boolean seesAll() {
        return role != Role.AGENCY;
    }

    public boolean sees(String agencyCode) {
        return seesAll() || agencyCode.equals(agency);
    }
}
