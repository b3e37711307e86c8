package kz.gov.safework.connectors.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import kz.gov.safework.contract.MetricNames;

/**
 * The one way a polled source (the hub's IMAP mailbox, each agency's remote SFTP server) shows its polls: the
 * gauges {@value MetricNames#SOURCE_LAST_POLL} (when it was last polled successfully) and
 * {@value MetricNames#SOURCE_POLL_INTERVAL} (the configured interval), tagged with the source. The source alert,
 * the status page and the console's channel view read these two.
 */
public final class SourcePollGauges {

    private SourcePollGauges() {
    }

    /**
     * @param status what records the polls (the endpoint's poll strategy)
     * @param lastSuccessEpochSeconds when {@code status} last saw a successful poll, in seconds since the epoch
     */
    public static <T> void register(MeterRegistry meters, String source, T status,
                                    ToDoubleFunction<T> lastSuccessEpochSeconds, long pollIntervalMillis) {
        Gauge.builder(MetricNames.SOURCE_LAST_POLL, status, lastSuccessEpochSeconds)
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
}
