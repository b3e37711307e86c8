package kz.gov.safework.api;

/**
 * Thrown by an {@link ApiAuthenticator} when the login is locked after too many wrong passwords: the
 * answer is {@link ApiProblem#locked 429 with Retry-After}, whatever the password was.
 */
public final class LoginLocked extends RuntimeException {
    private final long retryAfterSeconds;

    public LoginLocked(long retryAfterSeconds) {
        super("Too many wrong passwords: this login is locked for " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
