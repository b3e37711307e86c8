package kz.gov.safework.connectors.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import kz.gov.safework.testing.MutableClock;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T09:00:00Z"));
    private final List<String> lockouts = new ArrayList<>();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(5),
            (channel, login, until) -> lockouts.add(channel + ":" + login + ":" + until));

    @Test
    void locksALoginAfterMaxFailuresWithinTheWindow() {
        throttle.failed("http", "mz");
        throttle.failed("broker", "mz");
        assertThat(throttle.lockedFor("mz")).isEmpty();
        throttle.failed("sftp", "MZ");
        assertThat(throttle.lockedFor("mz")).contains(Duration.ofMinutes(5));
        assertThat(lockouts).containsExactly("sftp:mz:2026-01-10T09:05:00Z");
    }

    @Test
    void lockoutEndsAfterItsDuration() {
        fail3("mz");
        clock.advance(Duration.ofMinutes(4));
        assertThat(throttle.lockedFor("mz")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("mz")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        throttle.failed("http", "mz");
        throttle.failed("http", "mz");
        clock.advance(LoginThrottle.WINDOW);
        throttle.failed("http", "mz");
        assertThat(throttle.lockedFor("mz")).isEmpty();
        assertThat(lockouts).isEmpty();
    }

    @Test
    void aSuccessClearsEarlierFailures() {
        throttle.failed("http", "mz");
        throttle.failed("http", "mz");
        throttle.succeeded("mz");
        throttle.failed("http", "mz");
        assertThat(throttle.lockedFor("mz")).isEmpty();
    }

    @Test
    void failuresWhileLockedDoNotExtendTheLockoutNorCountAgain() {
        fail3("mz");
        clock.advance(Duration.ofMinutes(2));
        fail3("mz");
        assertThat(throttle.lockedFor("mz")).contains(Duration.ofMinutes(3));
        assertThat(lockouts).hasSize(1);
    }

    @Test
    void oneLoginsLockoutLeavesOthersAlone() {
        fail3("mz");
        assertThat(throttle.lockedFor("me")).isEmpty();
        assertThat(throttle.lockedFor("nobody-knows-me")).isEmpty();
    }

    @Test
    void unknownLoginsAreThrottledLikeKnownOnes() {
        fail3("no-such-login");
        assertThat(throttle.lockedFor("no-such-login")).isPresent();
    }

    private void fail3(String login) {
        for (int i = 0; i < 3; i++) {
            throttle.failed("http", login);
        }
    }
}
