package kz.gov.safework.hub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiRole;
import kz.gov.safework.api.Caller;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;

/** HTTP Basic against the same logins as every other channel; roles from who the login is. */
final class CredentialsAuthenticator implements ApiAuthenticator {
    static final String MTSZN = "MTSZN";

    private final Credentials credentials;
    private final ReferenceData referenceData;

    CredentialsAuthenticator(Credentials credentials, ReferenceData referenceData) {
        this.credentials = credentials;
        this.referenceData = referenceData;
    }

    @Override
    public Optional<Caller> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String login = decoded.substring(0, colon);
        if (!credentials.check(login, decoded.substring(colon + 1))) {
            return Optional.empty();
        }
        EnumSet<ApiRole> roles = EnumSet.noneOf(ApiRole.class);
        Agency agency = referenceData.agencyByLogin(login).orElse(null);
        if (agency != null) {
            roles.add(ApiRole.AGENCY);
            if (agency.code().equals(MTSZN)) {
                roles.add(ApiRole.MTSZN);
            }
        }
        if (login.equalsIgnoreCase("operator")) {
            roles.add(ApiRole.OPERATOR);
        }
        if (login.equalsIgnoreCase("government")) {
            roles.add(ApiRole.GOVERNMENT);
        }
        return Optional.of(new Caller(login.toLowerCase(java.util.Locale.ROOT), agency == null ? null : agency.code(), roles));
    }

}
