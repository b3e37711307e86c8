package kz.gov.safework.observe;

import org.apache.camel.builder.RouteBuilder;

/**
 * The hub's own metrics and health that are not the pipeline's: broker queue depths and consumers
 * (polled by a timer, so a scrape never waits on the broker), free space in {@code hub.data-dir} with
 * its readiness check, and the periodic read of the channel suspensions. Gauges and the disk check are bound once the
 * context has started.
 */
public final class ObserveRoutes extends RouteBuilder {
    private final ObserveServices services;

    public ObserveRoutes(ObserveServices services) {
        this.services = services;
    }

    @Override
    public void configure() throws Exception {
        getContext().addStartupListener((context, alreadyStarted) -> services.bindMetersAndHealth());

        from("timer:queue-depths?delay=0&period=" + ObserveSettings.QUEUE_POLL_PERIOD_PLACEHOLDER)
                .routeId("queue-depths")
                .process(exchange -> services.queueGauges().refresh());

        // Another hub instance on the same database may suspend or resume a channel: read the table again.
        from("timer:channel-suspensions?delay=" + ObserveSettings.CHANNEL_REFRESH_PERIOD_PLACEHOLDER + "&period="
                + ObserveSettings.CHANNEL_REFRESH_PERIOD_PLACEHOLDER).routeId("channel-suspensions")
                .process(exchange -> services.channelSuspensions().refresh());
    }
}
