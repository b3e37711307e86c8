package kz.gov.safework.hub;

import java.util.Optional;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.api.LoginLocked;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginResult;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.Principals.Principal;

/**
 * HTTP Basic against the same logins (and the same lockout) as every other channel; who the login is from
 * {@link Principals}. A locked login gets {@link LoginLocked} (429), whatever the password.
 */
final class CredentialsAuthenticator implements ApiAuthenticator {
    static final String CHANNEL = "http";

    private final Credentials credentials;
    private final Principals principals;

    CredentialsAuthenticator(Credentials credentials, Principals principals) {
        this.credentials = credentials;
        this.principals = principals;
    }

    @Override
    public Optional<Principal> authenticate(String header) {
        Optional<BasicCredentials> basic = BasicCredentials.parse(header);
        if (basic.isEmpty()) {
            return Optional.empty();
        }
        LoginResult result = credentials.login(CHANNEL, basic.get().login(), basic.get().password());
        if (result.locked()) {
            throw new LoginLocked(result.retryAfterSeconds());
        }
        return result.accepted() ? Optional.of(principals.of(basic.get().login())) : Optional.empty();
    }

    /**
     * The principal a verified client certificate names (HTTPS mutual TLS): a login the credentials know, with the
     * roles a password login of it gets; empty for any other name.
     */
    Optional<Principal> certified(String login) {
        return credentials.logins().contains(login) ? Optional.of(principals.of(login)) : Optional.empty();
    }
}
