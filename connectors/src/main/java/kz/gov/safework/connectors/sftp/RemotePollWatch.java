package kz.gov.safework.connectors.sftp;

import java.time.Clock;
import java.time.Instant;

import kz.gov.safework.contract.reference.Agency;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the polls of one agency's SFTP server: a poll that cannot connect, log in or verify the host
 * key is logged with the agency's name and shown by {@link RemoteSftpHealthCheck}. A failed poll only
 * waits for the next one; it never stops the route or the other agencies' polling.
 */
public final class RemotePollWatch implements PollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePollWatch.class);

    /** What the last poll said. {@code error} is null when it succeeded or none happened yet. */
    public record State(Instant at, String error, int failuresInARow) {
    }

    private final Agency agency;
    private final String server;
    private final Clock clock;
    private volatile State state;
    private volatile long lastSuccessEpochSeconds;

    public RemotePollWatch(Agency agency, Clock clock) {
        this.agency = agency;
        this.server = agency.remoteSftp().user() + "@" + agency.remoteSftp().host() + ":" + agency.remoteSftp().port();
        this.clock = clock;
    }

    public Agency agency() {
        return agency;
    }

    public String server() {
        return server;
    }

    /** Epoch second of the last successful poll, 0 before the first. */
    public long lastSuccessEpochSeconds() {
        return lastSuccessEpochSeconds;
    }

    /** Null until the first poll ended. */
    public State state() {
        return state;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        State before = state;
        if (before != null && before.error() != null) {
            LOG.info("SFTP server of agency {} ({}) at {} reachable again", agency.code(), agency.nameEn(), server);
        }
        state = new State(clock.instant(), null, 0);
        lastSuccessEpochSeconds = state.at().getEpochSecond();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        State before = state;
        int failures = before == null || before.error() == null ? 1 : before.failuresInARow() + 1;
        String reason = describe(cause);
        state = new State(clock.instant(), reason, failures);
        if (failures == 1 || failures % 10 == 0) {
            LOG.warn("Cannot poll the SFTP server of agency {} ({}) at {} (failure {} in a row): {}", agency.code(),
                    agency.nameEn(), server, failures, reason);
        } else {
            LOG.debug("Cannot poll the SFTP server of agency {} at {}: {}", agency.code(), server, reason);
        }
        return false; // no immediate retry: the next scheduled poll tries again
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < 500; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
