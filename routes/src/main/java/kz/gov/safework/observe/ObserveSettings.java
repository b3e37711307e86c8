package kz.gov.safework.observe;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kz.gov.safework.contract.HubDirectories;
import kz.gov.safework.contract.envelope.Queues;
import org.apache.camel.CamelContext;

/**
 * The observe capability's configuration keys, each with its default (one place per fact). Every key
 * can be set in application.properties, with -D or as an environment variable.
 */
public record ObserveSettings(
        Path dataDir,
        List<String> watchedQueues,
        long diskMinFreeBytes,
        int brokerMaxDiskUsage,
        String deadLetterQueue,
        String defaultRetryAddress,
        int deadLetterListLimit,
        int deadLetterViewMaxBytes,
        int submissionsMaxLimit,
        int consoleRefreshSeconds) {

    public static final String DATA_DIR = HubDirectories.DATA_DIR_KEY;
    public static final String QUEUES = "hub.observe.queues";
    public static final String QUEUE_POLL_PERIOD = "hub.observe.queue-poll-period";
    public static final String DISK_MIN_FREE_MB = "hub.observe.disk-min-free-mb";
    /** Percent of the disk in use at which the embedded Artemis blocks producers (its max-disk-usage). */
    public static final String BROKER_MAX_DISK_USAGE = "hub.broker.max-disk-usage";
    public static final String DEFAULT_RETRY_ADDRESS = "hub.observe.dlq.default-retry-address";
    public static final String DLQ_LIST_LIMIT = "hub.observe.dlq.list-limit";
    public static final String DLQ_VIEW_MAX_BYTES = "hub.observe.dlq.view-max-bytes";
    public static final String CONSOLE_REFRESH_SECONDS = "hub.observe.console.refresh-seconds";
    /** Milliseconds between two reads of the channel suspensions, which another hub instance may have changed. */
    public static final String CHANNEL_REFRESH_PERIOD = "hub.observe.channel-refresh-period";

    /** Placeholder with default for endpoint URIs: milliseconds between two queue polls. */
    public static final String QUEUE_POLL_PERIOD_PLACEHOLDER = "{{" + QUEUE_POLL_PERIOD + ":5000}}";
    /** Placeholder with default for endpoint URIs: milliseconds between two reads of the channel suspensions. */
    public static final String CHANNEL_REFRESH_PERIOD_PLACEHOLDER = "{{" + CHANNEL_REFRESH_PERIOD + ":5000}}";

    public static ObserveSettings from(CamelContext context) {
        return new ObserveSettings(
                Path.of(property(context, DATA_DIR, "./data")),
                Arrays.stream(property(context, QUEUES,
                                String.join(",", Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED, Queues.DLQ))
                        .split(",")).map(String::strip).filter(q -> !q.isEmpty()).toList(),
                Long.parseLong(property(context, DISK_MIN_FREE_MB, "512")) * 1024 * 1024,
                Integer.parseInt(property(context, BROKER_MAX_DISK_USAGE, "90")),
                Queues.DLQ,
                property(context, DEFAULT_RETRY_ADDRESS, Queues.INTAKE),
                Integer.parseInt(property(context, DLQ_LIST_LIMIT, "200")),
                Integer.parseInt(property(context, DLQ_VIEW_MAX_BYTES, "65536")),
                500,
                Integer.parseInt(property(context, CONSOLE_REFRESH_SECONDS, "5")));
    }

    private static String property(CamelContext context, String key, String defaultValue) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(defaultValue);
    }
}
