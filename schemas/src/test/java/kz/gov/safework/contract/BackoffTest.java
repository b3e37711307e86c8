package kz.gov.safework.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void firstRefusalWaitsTheFirstDelay() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void eachFurtherRefusalDoublesTheWait() {
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void theWaitNeverExceedsTheMaximum() {
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(60)).after(2)).isEqualTo(Duration.ofSeconds(60));
    }
}
