package kz.gov.safework.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kz.gov.safework.contract.MetricNames;
import kz.gov.safework.contract.envelope.Queues;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /status}, open to anyone: per channel whether the hub takes documents in and the receipt lag
 * ({@link AgencyStatus}), as HTML in Kazakh, Russian and English, or JSON ({@code Accept: application/json} or
 * {@code ?format=json}). It reads only what the hub keeps in memory, so it costs no broker or database call.
 */
public final class StatusRoutes extends RouteBuilder {
    /** Not under /api/: an agency reads it without a login. Still never cached (the HTTP server sees to it). */
    public static final String PATH = "/status";

    private final ObserveServices services;

    public StatusRoutes(ObserveServices services) {
        this.services = services;
    }

    @Override
    public void configure() {
        Clock now = services.clock();
        from("platform-http:" + PATH + "?httpMethodRestrict=GET").routeId("agency-status")
                .process(exchange -> answer(exchange, AgencyStatus.of(inputs(getContext(), services, now.instant()))));
    }

    static AgencyStatus.Inputs inputs(CamelContext context, ObserveServices services, Instant at) {
        Map<String, Boolean> started = new HashMap<>();
        for (AgencyStatus.Channel channel : AgencyStatus.Channel.values()) {
            Route route = context.getRoute(channel.routeId);
            if (route != null) {
                started.put(channel.routeId, context.getRouteController().getRouteStatus(channel.routeId).isStarted());
            }
        }
        // A channel an operator suspended does not take documents in now, whether its route exists yet or not.
        ChannelSuspensions suspensions = services.channelSuspensions();
        suspensions.channels().stream().filter(channel -> suspensions.isSuspended(channel.id()))
                .forEach(channel -> started.put(channel.routeId(), false));
        QueueGauges.Reading intake = services.queueGauges().readings().stream()
                .filter(reading -> reading.queue().equals(Queues.INTAKE)).findFirst().orElse(null);
        boolean brokerAnswered = intake != null && intake.error() == null;
        Duration lag = brokerAnswered ? (intake.oldest() == null ? Duration.ZERO : intake.oldest()) : null;
        MeterRegistry meters = services.meterRegistry();
        Double lastPoll = gauge(meters, MetricNames.SOURCE_LAST_POLL);
        Double interval = gauge(meters, MetricNames.SOURCE_POLL_INTERVAL);
        return new AgencyStatus.Inputs(at, started, brokerAnswered, lag,
                lastPoll == null ? null : Instant.ofEpochMilli((long) (lastPoll * 1000)),
                interval == null ? null : Duration.ofMillis((long) (interval * 1000)));
    }

    private static Double gauge(MeterRegistry meters, String name) {
        Gauge gauge = meters.find(name).tag(MetricNames.TAG_SOURCE, MetricNames.SOURCE_IMAP).gauge();
        if (gauge == null || Double.isNaN(gauge.value())) {
            return null;
        }
        return gauge.value();
    }

    private static void answer(Exchange exchange, AgencyStatus status) {
        String accept = exchange.getMessage().getHeader("Accept", "", String.class);
        boolean json = "json".equals(exchange.getMessage().getHeader("format", String.class))
                || accept.contains("application/json");
        if (json) {
            JsonResponses.ok(exchange, StatusPage.json(status));
            return;
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.getMessage().setBody(StatusPage.html(status));
    }
}
