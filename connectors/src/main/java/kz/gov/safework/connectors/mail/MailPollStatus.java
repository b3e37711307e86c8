package kz.gov.safework.connectors.mail;

import java.time.Instant;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every poll of the IMAP source (the consumer's {@code pollStrategy}), for the health check and the
 * {@code hub_source_last_poll_seconds{source="imap"}} gauge. Only the outcome is kept, never the endpoint URI
 * (it holds the password).
 */
public final class MailPollStatus implements PollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(MailPollStatus.class);
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastError;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        lastSuccess = Instant.now();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        lastFailure = Instant.now();
        lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Polling the hub's mailbox failed (attempt {}): {}", retryCounter + 1, lastError, cause);
        return false; // no immediate retry: the next scheduled poll tries again
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public Instant lastFailure() {
        return lastFailure;
    }

    public String lastError() {
        return lastError;
    }

    /** Seconds since the epoch of the last successful poll, NaN before the first one (a gauge's "no value"). */
    public double lastSuccessEpochSeconds() {
        Instant at = lastSuccess;
        return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
    }

    /** True when the latest poll failed. */
    public boolean failing() {
        Instant failure = lastFailure;
        Instant success = lastSuccess;
        return failure != null && (success == null || failure.isAfter(success));
    }
}
