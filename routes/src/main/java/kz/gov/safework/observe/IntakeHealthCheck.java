package kz.gov.safework.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * {@code intake:<channel>}: always UP, with the message {@code receiving} or, while an operator has the channel
 * suspended, {@code suspended by an operator at <time> (reason: GET /api/operator/channels)}. It is there even when
 * the channel's route is not (the queue's route suspended since the start is made only when resumed), so health
 * always says why a channel is idle. Readiness only: a suspended channel is no reason to restart the hub either.
 */
public final class IntakeHealthCheck extends ReadinessHealthCheck {
    private final IntakeChannel channel;
    private final ChannelSuspensions suspensions;

    public IntakeHealthCheck(IntakeChannel channel, ChannelSuspensions suspensions) {
        super("channels", "intake:" + channel.id());
        this.channel = channel;
        this.suspensions = suspensions;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        suspensions.suspension(channel.id()).ifPresentOrElse(suspension -> {
            builder.message(suspension.describe());
            builder.detail(SuspendedIntakeHealth.DETAIL, suspension.describe());
        }, () -> builder.message("receiving"));
    }
}
