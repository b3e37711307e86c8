package kz.gov.safework.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The hub's own meters, named once. Micrometer names use dots; the Prometheus names they become are in
 * each constant's comment (counters gain {@code _total}, base units a suffix). The Grafana dashboard in
 * {@code config/} queries exactly these. The names more than one module records (a source's last poll) are in
 * {@link kz.gov.safework.contract.MetricNames}.
 */
public final class HubMeters {
    /** Prometheus {@code hub_submissions_total{channel,agency,status}}: judged documents. */
    public static final String SUBMISSIONS = "hub.submissions";
    /** Prometheus {@code hub_validation_errors_total{code}}: errors listed on receipts. */
    public static final String VALIDATION_ERRORS = "hub.validation.errors";
    /** Prometheus {@code hub_end_to_end_seconds_*}: document received to receipt sent. */
    public static final String END_TO_END = "hub.end.to.end";
    /** Prometheus {@code hub_queue_messages{queue}}: messages waiting in a broker queue. */
    public static final String QUEUE_MESSAGES = "hub.queue.messages";
    /** Prometheus {@code hub_queue_consumers{queue}}: consumers attached to a broker queue. */
    public static final String QUEUE_CONSUMERS = "hub.queue.consumers";
    /**
     * Prometheus {@code hub_queue_oldest_message_age_seconds{queue}}: how long the oldest waiting message has waited
     * (0 when the queue is empty); on {@code hub.intake} the receipt lag.
     */
    public static final String QUEUE_OLDEST = "hub.queue.oldest.message.age";
    /** Prometheus {@code hub_data_dir_free_bytes}: usable space on the file system of hub.data-dir. */
    public static final String DATA_DIR_FREE = "hub.data.dir.free";
    /** Prometheus {@code hub_data_dir_size_bytes}: size of the file system of hub.data-dir (free disk in %). */
    public static final String DATA_DIR_SIZE = "hub.data.dir.size";
    /** Prometheus {@code hub_auth_lockouts_total{channel}}: logins locked after too many wrong passwords. */
    public static final String AUTH_LOCKOUTS = "hub.auth.lockouts";

    public static final String TAG_CHANNEL = "channel";
    public static final String TAG_AGENCY = "agency";
    public static final String TAG_STATUS = "status";
    public static final String TAG_CODE = "code";
    public static final String TAG_QUEUE = "queue";

    /** Agency tag for documents whose sender is unknown (keeps the label set bounded). */
    public static final String UNKNOWN_AGENCY = "UNKNOWN";

    private final MeterRegistry registry;

    public HubMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void submission(String channel, String agency, String status) {
        Counter.builder(SUBMISSIONS)
                .description("Documents judged by the pipeline")
                .tag(TAG_CHANNEL, channel)
                .tag(TAG_AGENCY, agency == null ? UNKNOWN_AGENCY : agency)
                .tag(TAG_STATUS, status)
                .register(registry)
                .increment();
    }

    public void validationError(String code) {
        Counter.builder(VALIDATION_ERRORS)
                .description("Errors listed on REJECTED receipts, by code")
                .tag(TAG_CODE, code)
                .register(registry)
                .increment();
    }

    public void endToEnd(Duration receivedToReceiptSent) {
        Timer.builder(END_TO_END)
                .description("From a document's receipt by a channel to its receipt sent")
                .publishPercentileHistogram()
                .register(registry)
                .record(receivedToReceiptSent);
    }

    /** A login was locked after too many wrong passwords, the last one on {@code channel}. */
    public void authLockout(String channel) {
        lockouts(channel).increment();
    }

    /**
     * Shows the lockout counter of each channel at 0 from the start: a counter that first appears at 1 has no
     * increase in Prometheus, so the lockout alert would miss the first lockouts after a start.
     */
    public void authLockoutChannels(java.util.List<String> channels) {
        channels.forEach(this::lockouts);
    }

    private Counter lockouts(String channel) {
        return Counter.builder(AUTH_LOCKOUTS)
                .description("Logins locked after too many wrong passwords, by the channel of the last one")
                .tag(TAG_CHANNEL, channel)
                .register(registry);
    }
}
