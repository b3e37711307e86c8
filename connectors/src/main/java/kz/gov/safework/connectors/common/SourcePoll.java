package kz.gov.safework.connectors.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import kz.gov.safework.contract.LogText;
import kz.gov.safework.contract.MetricNames;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll status of one polled source (the hub's IMAP mailbox, each agency's remote SFTP server), for every
 * polled source the same: the endpoint's {@code pollStrategy} records each poll's outcome, the source's health
 * check reads {@link #state()}, and {@link #bindGauges} shows it as {@value MetricNames#SOURCE_LAST_POLL} (when it
 * was last polled successfully) and {@value MetricNames#SOURCE_POLL_INTERVAL} (the configured interval), tagged with
 * the source; the source alert, the status page and the console read these two. {@link #health} is the
 * source's health check result. A failed poll is logged (the first
 * and every tenth in a row as WARN, the server's words escaped) and waits for the next one; it never stops the route. Only the outcome is kept,
 * never the endpoint URI (it may hold a password).
 */
public final class SourcePoll implements PollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePoll.class);
    private static final int MAX_REASON = 500;

    /** What the last poll said. {@code error} is null when it succeeded. */
    public record State(Instant at, String error, int failuresInARow) {
    }

    private final String source;
    private final String description;
    private final Clock clock;
    private volatile State state;
    private volatile Instant lastSuccess;

    /**
     * @param source      the gauges' {@value MetricNames#TAG_SOURCE} tag, e.g. {@code imap}, {@code sftp-remote-MZ}
     * @param description what is polled, for log lines, e.g. "the hub's IMAP mailbox"
     */
    public SourcePoll(String source, String description, Clock clock) {
        this.source = source;
        this.description = description;
        this.clock = clock;
    }

    public String source() {
        return source;
    }

    /** Null until the first poll ended. */
    public State state() {
        return state;
    }

    /** Null until a poll succeeded. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** True when the latest poll failed. */
    public boolean failing() {
        State current = state;
        return current != null && current.error() != null;
    }

    /** Seconds since the epoch of the last successful poll, NaN before the first one (a gauge's "no value"). */
    public double lastSuccessEpochSeconds() {
        Instant at = lastSuccess;
        return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
    }

    /**
     * This source's health as its polls saw it, the same for every polled source: UNKNOWN before the first poll,
     * DOWN while the latest poll failed (when, how many in a row, and why), UP once one worked after that; the
     * details say when it last worked.
     *
     * @param what the source in the message, e.g. "IMAP mailbox", "SFTP server of MZ"
     */
    public void health(HealthCheckResultBuilder builder, String what) {
        State current = state;
        Instant success = lastSuccess;
        if (success != null) {
            builder.detail("lastSuccessfulPoll", success.toString());
        }
        if (current == null) {
            builder.message(what + " not polled yet").unknown();
        } else if (current.error() == null) {
            builder.up();
        } else {
            builder.detail("lastFailedPoll", current.at().toString())
                    .detail("failuresInARow", current.failuresInARow())
                    .message(what + " poll failing: " + current.error())
                    .down();
        }
    }

    /** Registers this source's two gauges, and {@value MetricNames#SOURCE_SUSPENDED} from {@code suspended}. */
    public void bindGauges(MeterRegistry meters, long pollIntervalMillis, BooleanSupplier suspended) {
        bindGauges(meters, pollIntervalMillis);
        Gauge.builder(MetricNames.SOURCE_SUSPENDED, () -> suspended.getAsBoolean() ? 1 : 0)
                .description("1 while an operator has the source's channel suspended (not polled on purpose), else 0")
                .tag(MetricNames.TAG_SOURCE, source)
                .register(meters);
    }

    /** Registers this source's two gauges. */
    public void bindGauges(MeterRegistry meters, long pollIntervalMillis) {
        Gauge.builder(MetricNames.SOURCE_LAST_POLL, this, SourcePoll::lastSuccessEpochSeconds)
                .description("When the source was last polled successfully (seconds since the epoch)")
                .baseUnit(MetricNames.SOURCE_LAST_POLL_UNIT)
                .tag(MetricNames.TAG_SOURCE, source)
                .register(meters);
        Gauge.builder(MetricNames.SOURCE_POLL_INTERVAL, () -> pollIntervalMillis / 1000.0)
                .description("Seconds between two polls of the source, as configured")
                .baseUnit(MetricNames.SOURCE_LAST_POLL_UNIT)
                .tag(MetricNames.TAG_SOURCE, source)
                .register(meters);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (failing()) {
            LOG.info("Polling {} works again", description);
        }
        Instant now = clock.instant();
        state = new State(now, null, 0);
        lastSuccess = now;
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        State before = state;
        int failures = before == null || before.error() == null ? 1 : before.failuresInARow() + 1;
        String reason = describe(cause);
        state = new State(clock.instant(), reason, failures);
        if (failures == 1 || failures % 10 == 0) {
            LOG.warn("Cannot poll {} (failure {} in a row): {}", description, failures, LogText.of(reason));
        } else {
            LOG.debug("Cannot poll {} (failure {} in a row): {}", description, failures, LogText.of(reason));
        }
        return false; // no immediate retry: the next scheduled poll tries again
    }

    /** The cause chain, outermost first, as "Type: message <- Type: message", at most about 500 characters. */
    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < MAX_REASON; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
