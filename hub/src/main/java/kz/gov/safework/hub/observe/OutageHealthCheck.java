package kz.gov.safework.hub.observe;

import java.util.Map;
import kz.gov.safework.observe.ReadinessHealthCheck;
import kz.gov.safework.store.Outages;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * DOWN while the pipeline waits out an outage of its store (database or disk): documents are held on the queue,
 * not lost and not dead-lettered, until the store answers again. Readiness only: restarting the hub mends nothing.
 */
public final class OutageHealthCheck extends ReadinessHealthCheck {
    private final Outages outages;

    public OutageHealthCheck(Outages outages) {
        super("hub", "store-outage");
        this.outages = outages;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (outages.ongoing()) {
            builder.message("The store (database or data dir) is not answering; the pipeline is paused and "
                    + "documents wait on the queue").down();
        } else {
            builder.up();
        }
    }
}
