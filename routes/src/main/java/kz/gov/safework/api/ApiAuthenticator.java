package kz.gov.safework.api;

import java.util.Optional;

/**
 * Checks an HTTP Authorization header (Basic) against the hub's credentials. Bound in the registry as
 * {@code hubAuthenticator} by the application, which knows the credentials and the reference data.
 */
@FunctionalInterface
public interface ApiAuthenticator {
    String BEAN = "hubAuthenticator";

    Optional<Caller> authenticate(String authorizationHeader);

    /** The login the header proves, or empty when absent, malformed or wrong. */
    default Optional<String> login(String authorizationHeader) {
        return authenticate(authorizationHeader).map(Caller::login);
    }
}
