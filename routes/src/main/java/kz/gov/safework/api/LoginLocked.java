package kz.gov.safework.api;

import org.apache.camel.Exchange;

/**
 * Thrown by an {@link ApiAuthenticator} when the login is locked after too many wrong passwords: the
 * answer is 429 with {@code Retry-After}, whatever the password was.
 */
public final class LoginLocked extends RuntimeException {
    public static final int STATUS = 429;

    private final long retryAfterSeconds;

    public LoginLocked(long retryAfterSeconds) {
        super("Too many wrong passwords: this login is locked for " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Sets the 429 answer on the exchange (the one shape every API route gives). */
    public void respond(Exchange exchange) {
        exchange.setException(null);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, STATUS);
        exchange.getMessage().setHeader("Retry-After", Long.toString(retryAfterSeconds));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("{\"error\":\"" + getMessage() + "\"}");
    }
}
