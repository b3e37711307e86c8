package kz.gov.safework.api;

import java.util.Optional;

/**
 * Checks an HTTP Authorization header (Basic) against the hub's credentials. Made by the application, which
 * knows the credentials and the reference data, and passed to the API route builders.
 */
@FunctionalInterface
public interface ApiAuthenticator {

    Optional<Caller> authenticate(String authorizationHeader);

    /** The login the header proves, or empty when absent, malformed or wrong. */
    default Optional<String> login(String authorizationHeader) {
        return authenticate(authorizationHeader).map(Caller::login);
    }
}
