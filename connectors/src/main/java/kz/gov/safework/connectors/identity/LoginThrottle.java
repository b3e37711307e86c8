package kz.gov.safework.connectors.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong passwords per login, shared by every channel: after {@code maxFailures} failures within
 * {@link #WINDOW} the login is refused for {@code lockout} on broker, HTTP, SFTP and mail alike, whatever
 * the password. Keyed by the lower-cased login, so known and unknown logins are throttled the same way.
 */
public final class LoginThrottle {
    /** Failures older than this are forgotten. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** Beyond this many tracked logins, idle entries are dropped (a flood of invented logins stays bounded). */
    static final int MAX_TRACKED = 10_000;

    /** Called once per lockout, with the channel whose failure caused it. */
    @FunctionalInterface
    public interface LockoutListener {
        void lockedOut(String channel, String login, Instant until);
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final LockoutListener listener;
    private final Map<String, State> logins = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int maxFailures, Duration lockout, LockoutListener listener) {
        if (maxFailures < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("max failures must be >= 1 and lockout > 0");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.listener = listener;
    }

    /** No throttling (tests of a single channel): nothing is tracked. */
    public static LoginThrottle none() {
        return NONE;
    }

    private static final LoginThrottle NONE = new LoginThrottle(Clock.systemUTC(), Integer.MAX_VALUE,
            Duration.ofMillis(1), (c, l, u) -> { });

    /** How long the login stays refused, or empty when it may try. */
    public Optional<Duration> lockedFor(String login) {
        State state = logins.get(key(login));
        if (state == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (state) {
            if (state.lockedUntil != null && now.isBefore(state.lockedUntil)) {
                return Optional.of(Duration.between(now, state.lockedUntil));
            }
        }
        return Optional.empty();
    }

    /** A wrong password for the login on a channel; the failure that reaches the limit starts the lockout. */
    public void failed(String channel, String login) {
        if (this == NONE) {
            return;
        }
        Instant now = clock.instant();
        String key = key(login);
        if (logins.size() >= MAX_TRACKED) {
            forgetIdle(now);
        }
        State state = logins.computeIfAbsent(key, k -> new State());
        Instant lockedUntil = null;
        synchronized (state) {
            if (state.lockedUntil != null && now.isBefore(state.lockedUntil)) {
                return;
            }
            state.lockedUntil = null;
            state.failures.addLast(now);
            while (!state.failures.isEmpty() && !state.failures.peekFirst().isAfter(now.minus(WINDOW))) {
                state.failures.removeFirst();
            }
            if (state.failures.size() >= maxFailures) {
                state.failures.clear();
                state.lockedUntil = now.plus(lockout);
                lockedUntil = state.lockedUntil;
            }
        }
        if (lockedUntil != null) {
            listener.lockedOut(channel, key, lockedUntil);
        }
    }

    /** A correct password: earlier failures of the login no longer count. */
    public void succeeded(String login) {
        State state = logins.get(key(login));
        if (state != null) {
            synchronized (state) {
                state.failures.clear();
            }
        }
    }

    public Duration lockout() {
        return lockout;
    }

    public int maxFailures() {
        return maxFailures;
    }

    private void forgetIdle(Instant now) {
        logins.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                State s = e.getValue();
                boolean locked = s.lockedUntil != null && now.isBefore(s.lockedUntil);
                boolean recent = !s.failures.isEmpty() && s.failures.peekLast().isAfter(now.minus(WINDOW));
                return !locked && !recent;
            }
        });
    }

    private static String key(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    }

    private static final class State {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;
    }
}
