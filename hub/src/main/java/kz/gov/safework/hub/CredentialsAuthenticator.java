package kz.gov.safework.hub;

import java.util.EnumSet;
import java.util.Optional;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiRole;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.api.Caller;
import kz.gov.safework.api.LoginLocked;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginResult;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;

/**
 * HTTP Basic against the same logins (and the same lockout) as every other channel; roles from who the login
 * is. A locked login gets {@link LoginLocked} (429), whatever the password.
 */
final class CredentialsAuthenticator implements ApiAuthenticator {
    static final String MTSZN = "MTSZN";
    static final String CHANNEL = "http";

    private final Credentials credentials;
    private final ReferenceData referenceData;

    CredentialsAuthenticator(Credentials credentials, ReferenceData referenceData) {
        this.credentials = credentials;
        this.referenceData = referenceData;
    }

    @Override
    public Optional<Caller> authenticate(String header) {
        Optional<BasicCredentials> basic = BasicCredentials.parse(header);
        if (basic.isEmpty()) {
            return Optional.empty();
        }
        LoginResult result = credentials.login(CHANNEL, basic.get().login(), basic.get().password());
        if (result.locked()) {
            throw new LoginLocked(result.retryAfterSeconds());
        }
        if (!result.accepted()) {
            return Optional.empty();
        }
        return Optional.of(caller(basic.get().login()));
    }

    /**
     * The caller a verified client certificate names (HTTPS mutual TLS): a login the credentials know, with the
     * roles a password login of it gets; empty for any other name.
     */
    Optional<Caller> certified(String login) {
        return credentials.logins().contains(login) ? Optional.of(caller(login)) : Optional.empty();
    }

    private Caller caller(String login) {
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
        return new Caller(login.toLowerCase(java.util.Locale.ROOT), agency == null ? null : agency.code(), roles);
    }

}
