package kz.gov.safework.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Depths, consumers and the oldest message's age of the queues operators watch, polled from the broker by a timer route so a
 * Prometheus scrape never waits on the broker. A queue the broker cannot describe reads NaN.
 */
public final class QueueGauges {
    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);

    /** One queue as last polled; {@code error} is set (and the numbers absent) when the poll failed. */
    public record Reading(String queue, Long messages, Integer consumers, Duration oldest, Instant polledAt,
                          String error) {
        /** Seconds the oldest waiting message has waited: 0 when the queue is empty, null when unknown. */
        public Double oldestSeconds() {
            if (error != null) {
                return null;
            }
            return oldest == null ? 0.0 : oldest.toMillis() / 1000.0;
        }
    }

    private final BrokerManagement broker;
    private final List<String> queues;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    public QueueGauges(BrokerManagement broker, List<String> queues, Clock clock) {
        this.broker = broker;
        this.queues = List.copyOf(queues);
        this.clock = clock;
        for (String queue : this.queues) {
            readings.put(queue, new Reading(queue, null, null, null, null, "not polled yet"));
        }
    }

    public void bindTo(MeterRegistry registry) {
        for (String queue : queues) {
            Gauge.builder(HubMeters.QUEUE_MESSAGES, () -> value(readings.get(queue).messages()))
                    .description("Messages waiting in a broker queue")
                    .tag(HubMeters.TAG_QUEUE, queue)
                    .register(registry);
            Gauge.builder(HubMeters.QUEUE_CONSUMERS, () -> value(readings.get(queue).consumers()))
                    .description("Consumers attached to a broker queue")
                    .tag(HubMeters.TAG_QUEUE, queue)
                    .register(registry);
            Gauge.builder(HubMeters.QUEUE_OLDEST, () -> value(readings.get(queue).oldestSeconds()))
                    .description("Seconds the oldest message waiting in a broker queue has waited (0 when empty)")
                    .baseUnit("seconds")
                    .tag(HubMeters.TAG_QUEUE, queue)
                    .register(registry);
        }
    }

    private static double value(Number number) {
        return number == null ? Double.NaN : number.doubleValue();
    }

    /** Asks the broker for every watched queue; one failing queue does not hide the others. */
    public void refresh() {
        Instant now = clock.instant();
        for (String queue : queues) {
            try {
                QueueStats stats = broker.queueStats(queue);
                readings.put(queue, new Reading(queue, stats.messages(), stats.consumers(), stats.oldest(), now, null));
            } catch (BrokerManagementException e) {
                Reading previous = readings.get(queue);
                if (previous == null || previous.error() == null) {
                    LOG.warn("Cannot read queue {} from the broker: {}", queue, e.getMessage());
                }
                readings.put(queue, new Reading(queue, null, null, null, now, e.getMessage()));
            }
        }
    }

    public List<Reading> readings() {
        List<Reading> list = new ArrayList<>();
        for (String queue : queues) {
            list.add(readings.get(queue));
        }
        return list;
    }
}
