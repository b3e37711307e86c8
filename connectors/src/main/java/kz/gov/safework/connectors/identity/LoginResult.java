package kz.gov.safework.connectors.identity;

import java.time.Duration;

/** What {@link Credentials#login} decided: accepted, refused (wrong or unknown), or locked for a while. */
public record LoginResult(Outcome outcome, Duration retryAfter) {
    public enum Outcome { ACCEPTED, REFUSED, LOCKED }

    public static final LoginResult ACCEPTED = new LoginResult(Outcome.ACCEPTED, Duration.ZERO);
    public static final LoginResult REFUSED = new LoginResult(Outcome.REFUSED, Duration.ZERO);

    public static LoginResult locked(Duration retryAfter) {
        return new LoginResult(Outcome.LOCKED, retryAfter);
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    public boolean locked() {
        return outcome == Outcome.LOCKED;
    }

    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
