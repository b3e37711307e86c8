package kz.gov.safework.connectors.common;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.camel.Exchange;

/**
 * Where a channel's adapter hands a document to the pipeline ({@code hub.intake}): SFTP and mail (the queue channel
 * calls the pipeline in its consumer's transaction instead, {@code JmsChannelRoutes}). A document of up to the Artemis
 * client's large-message size goes as a plain bytes message, kept in the broker's journal with the message; only a
 * larger file is streamed from disk as an Artemis large message (a file of its own in the broker's large-messages
 * folder), so an adapter never holds a large upload whole. Streaming every document made each one a large message:
 * a file created, synced and deleted per document, and a backlog on {@code hub.intake} paged to disk still held an
 * open file and its objects per message in the heap (100,000 queued documents ran a 256 MiB hub out of memory).
 */
public final class IntakeEndpoint {
    /** Plain bytes messages; the Artemis client still sends one over its large-message size in chunks. */
    public static final String URI = "{{hub.intake.uri}}";
    /** Streamed: the body is read in chunks while it is sent. */
    public static final String STREAM_URI = "{{hub.intake.stream-uri}}";
    /** Above this a file is streamed: the size from which Artemis' client makes a large message anyway. */
    static final long STREAM_ABOVE = ActiveMQClient.DEFAULT_MIN_LARGE_MESSAGE_SIZE;

    private IntakeEndpoint() {
    }

    /**
     * Whether this exchange's document goes to {@link #STREAM_URI}: bytes over {@link #STREAM_ABOVE}, a file longer
     * than that, or a body of unknown length.
     */
    public static boolean streamed(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof byte[] bytes) {
            return bytes.length > STREAM_ABOVE;
        }
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        return length == null || length > STREAM_ABOVE;
    }
}
