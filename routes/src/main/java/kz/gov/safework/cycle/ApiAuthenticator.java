package kz.gov.safework.cycle;

import java.util.Optional;

/**
 * Checks an HTTP {@code Authorization} header (Basic) against the hub's credentials and returns the login.
 * The hub binds an implementation under {@link #BEAN_NAME}; routes cannot see the credentials store,
 * which lives in the connectors module.
 */
@FunctionalInterface
public interface ApiAuthenticator {
    String BEAN_NAME = "hubAuthenticator";

    /** The authenticated login, or empty when the header is absent, malformed or the password is wrong. */
    Optional<String> login(String authorizationHeader);
}
