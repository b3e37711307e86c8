package kz.gov.safework.contract;

import java.time.Duration;

/**
 * How long an outbox relay (mail replies, e-mail reminders) waits before it tries a refused message again:
 * {@code first}, doubled per refusal, at most {@code max}.
 */
public record Backoff(Duration first, Duration max) {

    /** The wait after the {@code refusals}-th refusal in a row (1 for the first). */
    public Duration after(int refusals) {
        Duration wait = first;
        for (int i = 1; i < refusals && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
