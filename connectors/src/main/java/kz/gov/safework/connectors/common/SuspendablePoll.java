package kz.gov.safework.connectors.common;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * The poll strategy of a polled channel's consumer: skips every poll while an operator has the channel suspended (the
 * source is not even contacted, so files and mails stay where they are, and are taken by the first poll after the
 * resume); otherwise {@code delegate} decides and records, as before. Asked before each poll, so a suspension holds from
 * the next poll on, on whichever hub instance polls.
 */
public record SuspendablePoll(String channel, SuspendedChannels suspended, PollingConsumerPollStrategy delegate)
        implements PollingConsumerPollStrategy {

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return !suspended.isSuspended(channel) && delegate.begin(consumer, endpoint);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        delegate.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
        return delegate.rollback(consumer, endpoint, retryCounter, cause);
    }
}
