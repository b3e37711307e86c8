package kz.gov.safework.connectors.jms;

import java.nio.file.Path;
import kz.gov.safework.connectors.tls.TlsSettings;

/**
 * Settings of the embedded broker, from configuration. {@code hubUser}/{@code hubPassword} are the
 * hub's own in-VM identity; the password is generated per start unless configured. {@code port} is the
 * plain acceptor, {@code tlsPort} the TLS one (0 disables either); {@code tls} holds keystore, truststore
 * and client-certificate policy. {@code maxMessageBytes} bounds every message an outside sender sends (see
 * {@link MessageSizePlugin}).
 *
 * <p>Limits: {@code addressMemoryBytes} ({@code hub.broker.address-memory-bytes}) is what one address keeps in memory,
 * the rest of its messages paged to disk; {@code addressMaxBytes} ({@code hub.broker.address-max-size-bytes}) bounds
 * what {@code reports.in} and each {@code receipts.*} address page beyond that (sends beyond it fail); {@code maxQueuesPerLogin} and {@code maxConnectionsPerLogin}
 * bound what one agency login may create and open; {@code replyQueueIdleMillis} is how long an empty reply-to queue
 * without consumers ({@code receipts.<CODE>.<name>}) is kept before it is deleted; {@code maxDiskUsage}
 * ({@code hub.broker.max-disk-usage}) the percent of the disk in use at which the broker blocks producers.
 */
public record BrokerSettings(
        Path dataDir,
        String host,
        int port,
        int tlsPort,
        TlsSettings tls,
        String hubUser,
        String hubPassword,
        String feedConsumerLogin,
        int maxDeliveryAttempts,
        long redeliveryDelayMillis,
        int duplicateIdCacheSize,
        long maxMessageBytes,
        long addressMaxBytes,
        long addressMemoryBytes,
        int maxQueuesPerLogin,
        int maxConnectionsPerLogin,
        long replyQueueIdleMillis,
        int maxDiskUsage) {
    /** The configuration key of {@code tlsPort}, for messages that tell the operator what to change. */
    public static final String TLS_PORT_KEY = "hub.broker.tls-port";

    /** Room for a message's properties and encoding beyond the document itself. */
    static final long ENVELOPE_MARGIN = 1L << 20;

    /**
     * The largest message an outside sender may put on the broker for a document limit: twice the limit
     * (a CORE text message stores its characters as UTF-16) plus a margin; anything larger could never
     * be an acceptable document, so the broker refuses it before the hub reads a byte of it.
     */
    public static long maxMessageBytesFor(long maxDocumentBytes) {
        return 2 * maxDocumentBytes + ENVELOPE_MARGIN;
    }
}
