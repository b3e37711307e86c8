package kz.gov.safework.observe;

import java.util.Optional;

/**
 * Who is calling the operator API. The application binds one implementation as bean
 * {@value #BEAN} (over the hub's configured credentials); this module never sees a password store.
 */
public interface OperatorAuthenticator {
    String BEAN = "operatorAuthenticator";

    /** The login an HTTP {@code Authorization} header proves (Basic), or empty when absent or wrong. */
    Optional<String> login(String authorizationHeader);

    /** Whether this login may use the operator console and API. */
    boolean isOperator(String login);
}
