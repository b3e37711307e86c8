package kz.gov.safework.observe;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import kz.gov.safework.contract.MetricNames;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Channel sources with their last good poll (gauge {@link MetricNames#SOURCE_LAST_POLL}, registered by
 * each polled source's {@code SourcePoll}) and every health check (broker, database, sources, disk).
 */
public final class ChannelOverview {
    private final CamelContext context;
    private final MeterRegistry registry;

    public ChannelOverview(CamelContext context, MeterRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    public List<SourceView> sources() {
        return registry.find(MetricNames.SOURCE_LAST_POLL).gauges().stream()
                .map(gauge -> new SourceView(gauge.getId().getTag(MetricNames.TAG_SOURCE),
                        gauge.value() > 0 ? Instant.ofEpochSecond((long) gauge.value()) : null))
                .sorted(Comparator.comparing(SourceView::source))
                .toList();
    }

    public List<HealthView> health() {
        return HealthCheckHelper.invoke(context).stream()
                .map(ChannelOverview::view)
                .sorted(Comparator.comparing(HealthView::id))
                .toList();
    }

    private static HealthView view(HealthCheck.Result result) {
        HealthCheck check = result.getCheck();
        String message = result.getMessage()
                .or(() -> result.getError().map(Throwable::getMessage))
                .orElse(null);
        return new HealthView(check.getId(), check.getGroup(), result.getState().name(),
                check.isReadiness(), check.isLiveness(), message);
    }
}
