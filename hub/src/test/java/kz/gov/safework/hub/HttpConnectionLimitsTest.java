package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-login count of requests in flight. */
class HttpConnectionLimitsTest {
    private final HttpConnectionLimits limits = new HttpConnectionLimits(2);

    @Test
    void aLoginGetsUpToItsLimitAndNoMore() {
        assertThat(limits.enter("mz")).isTrue();
        assertThat(limits.enter("mz")).isTrue();
        assertThat(limits.enter("mz")).isFalse();
        assertThat(limits.inFlight("mz")).isEqualTo(2);
    }

    @Test
    void otherLoginsAreCountedApart() {
        limits.enter("mz");
        limits.enter("mz");
        assertThat(limits.enter("mvd")).isTrue();
    }

    @Test
    void aRequestThatEndsGivesItsPlaceBackAndAnIdleLoginIsForgotten() {
        limits.enter("mz");
        limits.enter("mz");
        limits.leave("mz");
        assertThat(limits.enter("mz")).isTrue();
        limits.leave("mz");
        limits.leave("mz");
        assertThat(limits.inFlight("mz")).isZero();
        limits.leave("mz");
        assertThat(limits.inFlight("mz")).isZero();
    }
}
