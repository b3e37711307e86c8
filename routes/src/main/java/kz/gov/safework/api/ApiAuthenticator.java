package kz.gov.safework.api;

import java.util.Optional;
import kz.gov.safework.contract.reference.Principals.Principal;

/**
 * Checks an HTTP Authorization header (Basic) against the hub's credentials. Made by the application, which
 * knows the credentials and the reference data, and passed to {@link ApiAuthentication}.
 */
@FunctionalInterface
public interface ApiAuthenticator {

    /**
     * The principal the header proves, or empty when absent, malformed or wrong.
     *
     * @throws LoginLocked when the login is locked, whatever the password
     */
    Optional<Principal> authenticate(String authorizationHeader);
}
