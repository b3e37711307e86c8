package kz.gov.safework.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import kz.gov.safework.contract.MetricNames;
import kz.gov.safework.testing.MutableClock;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.junit.jupiter.api.Test;

class SourcePollTest {
    private static final Instant START = Instant.parse("2024-03-01T08:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final SourcePoll poll = new SourcePoll("sftp-remote-MZ", "the SFTP server of agency MZ", clock);

    @Test
    void knowsNothingBeforeTheFirstPoll() {
        assertThat(poll.state()).isNull();
        assertThat(poll.lastSuccess()).isNull();
        assertThat(poll.failing()).isFalse();
        assertThat(poll.lastSuccessEpochSeconds()).isNaN();
        assertThat(poll.begin(null, null)).isTrue();
    }

    @Test
    void aSuccessfulPollIsRecordedAtTheClocksNow() {
        clock.advance(Duration.ofMillis(1500));
        poll.commit(null, null, 3);

        assertThat(poll.state()).isEqualTo(new SourcePoll.State(START.plusMillis(1500), null, 0));
        assertThat(poll.lastSuccess()).isEqualTo(START.plusMillis(1500));
        assertThat(poll.lastSuccessEpochSeconds()).isEqualTo(START.getEpochSecond() + 1.5);
        assertThat(poll.failing()).isFalse();
    }

    @Test
    void failuresCountInARowKeepTheLastSuccessAndNeverAskForAnImmediateRetry() {
        poll.commit(null, null, 0);
        clock.advance(Duration.ofMinutes(1));
        assertThat(poll.rollback(null, null, 0, new IOException("refused"))).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(poll.rollback(null, null, 0, new IOException("refused again"))).isFalse();

        assertThat(poll.failing()).isTrue();
        assertThat(poll.state()).isEqualTo(
                new SourcePoll.State(START.plus(Duration.ofMinutes(2)), "IOException: refused again", 2));
        assertThat(poll.lastSuccess()).isEqualTo(START);

        clock.advance(Duration.ofMinutes(1));
        poll.commit(null, null, 0);
        assertThat(poll.failing()).isFalse();
        assertThat(poll.state().failuresInARow()).isZero();
        assertThat(poll.lastSuccess()).isEqualTo(START.plus(Duration.ofMinutes(3)));

        poll.rollback(null, null, 0, new IOException("down"));
        assertThat(poll.state().failuresInARow()).as("a new run of failures starts at one").isEqualTo(1);
    }

    private HealthCheck.Result health() {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(null);
        poll.health(builder, "SFTP server of MZ");
        return builder.build();
    }

    @Test
    void healthIsUnknownBeforeTheFirstPoll() {
        HealthCheck.Result result = health();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UNKNOWN);
        assertThat(result.getMessage()).hasValue("SFTP server of MZ not polled yet");
        assertThat(result.getDetails()).doesNotContainKeys("lastSuccessfulPoll", "lastFailedPoll");
    }

    @Test
    void healthIsDownWhileTheLatestPollFailedWithWhenHowOftenAndWhy() {
        poll.commit(null, null, 0);
        clock.advance(Duration.ofMinutes(1));
        poll.rollback(null, null, 0, new ConnectException("Connection refused"));
        clock.advance(Duration.ofMinutes(1));
        poll.rollback(null, null, 0, new ConnectException("Connection refused"));

        HealthCheck.Result result = health();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("SFTP server of MZ poll failing: ConnectException: Connection refused");
        assertThat(result.getDetails())
                .containsEntry("lastSuccessfulPoll", START.toString())
                .containsEntry("lastFailedPoll", START.plus(Duration.ofMinutes(2)).toString())
                .containsEntry("failuresInARow", 2);
    }

    @Test
    void healthIsUpOnceAPollWorkedAgain() {
        poll.rollback(null, null, 0, new IOException("down"));
        clock.advance(Duration.ofMinutes(1));
        poll.commit(null, null, 0);

        HealthCheck.Result result = health();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("lastSuccessfulPoll", START.plus(Duration.ofMinutes(1)).toString())
                .doesNotContainKeys("lastFailedPoll", "failuresInARow");
    }

    @Test
    void aFailureBeforeAnySuccessIsFailing() {
        poll.rollback(null, null, 0, new IOException("no route to host"));

        assertThat(poll.failing()).isTrue();
        assertThat(poll.lastSuccess()).isNull();
        assertThat(poll.lastSuccessEpochSeconds()).isNaN();
    }

    @Test
    void describesTheCauseChainOutermostFirst() {
        Exception cause = new IllegalStateException("poll failed",
                new IOException("session down", new ConnectException("Connection refused")));

        assertThat(SourcePoll.describe(cause)).isEqualTo(
                "IllegalStateException: poll failed <- IOException: session down <- ConnectException: Connection refused");
    }

    @Test
    void describingStopsAtAboutFiveHundredCharacters() {
        Throwable cause = new IOException("x".repeat(300));
        for (int i = 0; i < 10; i++) {
            cause = new IOException("y".repeat(300), cause);
        }

        String text = SourcePoll.describe(cause);

        assertThat(text).hasSizeGreaterThanOrEqualTo(500).hasSizeLessThan(500 + 320);
    }

    @Test
    void showsItsPollsAsTheTwoSourceGaugesTaggedWithTheSource() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        poll.bindGauges(meters, 30_000);

        var lastPoll = meters.find(MetricNames.SOURCE_LAST_POLL).tag(MetricNames.TAG_SOURCE, "sftp-remote-MZ").gauge();
        var interval = meters.find(MetricNames.SOURCE_POLL_INTERVAL).tag(MetricNames.TAG_SOURCE, "sftp-remote-MZ")
                .gauge();
        assertThat(lastPoll).isNotNull();
        assertThat(interval).isNotNull();
        assertThat(lastPoll.value()).isNaN();
        assertThat(interval.value()).isEqualTo(30.0);

        poll.commit(null, null, 0);
        assertThat(lastPoll.value()).isEqualTo((double) START.getEpochSecond());
        assertThat(poll.source()).isEqualTo("sftp-remote-MZ");
    }

    @Test
    void showsWhetherItsChannelIsSuspendedAsAThirdGauge() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        java.util.concurrent.atomic.AtomicBoolean suspended = new java.util.concurrent.atomic.AtomicBoolean();
        poll.bindGauges(meters, 30_000, suspended::get);

        var gauge = meters.find(MetricNames.SOURCE_SUSPENDED).tag(MetricNames.TAG_SOURCE, "sftp-remote-MZ").gauge();
        assertThat(gauge).isNotNull();
        assertThat(gauge.value()).isZero();
        suspended.set(true);
        assertThat(gauge.value()).isEqualTo(1.0);
        assertThat(meters.find(MetricNames.SOURCE_LAST_POLL).gauge()).isNotNull();
    }
}
