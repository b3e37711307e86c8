package kz.gov.safework.observe;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.HealthCheckResultStrategy;

/**
 * A suspended channel in Camel's health checks: its route's, its consumer's and its source's checks say UP with the
 * message {@code suspended by an operator at <time> (reason: GET /api/operator/channels)} (detail {@value #DETAIL}), since a channel an operator
 * stopped on purpose is no reason to take the hub out of service, restart it or page anyone. Camel applies this
 * strategy (the one {@link HealthCheckResultStrategy} in the registry) to every check's result, so the health
 * endpoints and the console read the same.
 */
public final class SuspendedIntakeHealth implements HealthCheckResultStrategy {
    public static final String DETAIL = "suspended";

    private final ChannelSuspensions suspensions;
    private final Map<String, String> channelOfCheck = new HashMap<>();

    public SuspendedIntakeHealth(ChannelSuspensions suspensions) {
        this.suspensions = suspensions;
        suspensions.channels().forEach(channel ->
                channel.healthChecks().forEach(check -> channelOfCheck.put(check, channel.id())));
    }

    @Override
    public void processResult(HealthCheck check, Map<String, Object> options, HealthCheckResultBuilder builder) {
        String channel = channelOfCheck.get(check.getId());
        if (channel == null) {
            return;
        }
        suspensions.suspension(channel).ifPresent(suspension -> {
            builder.up();
            builder.error(null);
            builder.message(suspension.describe());
            builder.detail(DETAIL, suspension.describe());
        });
    }
}
