package kz.gov.safework.contract;

/**
 * Metric names that more than one module records, part of the operations contract (the Grafana dashboard
 * in config/ queries them). Micrometer names; Prometheus shows {@code hub_source_last_poll_seconds}.
 */
public final class MetricNames {
    /** Epoch second of the last successful poll of a channel source (an IMAP mailbox, an agency's SFTP server). */
    public static final String SOURCE_LAST_POLL = "hub.source.last.poll";
    public static final String SOURCE_LAST_POLL_UNIT = "seconds";
    /**
     * Seconds between two polls of a channel source, as configured ({@code hub_source_poll_interval_seconds{source}}):
     * the alert on a source not polled for twice its interval reads it beside the last poll.
     */
    public static final String SOURCE_POLL_INTERVAL = "hub.source.poll.interval";
    /**
     * 1 while an operator has the source's channel suspended, else 0 ({@code hub_source_suspended{source}}): a
     * suspended source is not polled on purpose, and the not-polled alert leaves it alone.
     */
    public static final String SOURCE_SUSPENDED = "hub.source.suspended";
    public static final String TAG_SOURCE = "source";
    /** The source name of the hub's mailbox on these gauges (an agency's SFTP server is sftp-remote-CODE). */
    public static final String SOURCE_IMAP = "imap";

    private MetricNames() {
    }
}
