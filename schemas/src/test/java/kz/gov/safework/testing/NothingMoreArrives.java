package kz.gov.safework.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The one way tests check that nothing (more) arrives: a late duplicate, a redelivered envelope answered
 * twice, a second envelope for one upload. Waiting a few hundred milliseconds proves nothing, because the
 * hub's broker redelivers a rolled-back message only after {@code hub.broker.redelivery-delay-ms} (doubling
 * each time); so the receive waits two redeliveries ({@code 1 + 2} delays) plus one processing time.
 */
public final class NothingMoreArrives {
    private static final Path HUB_PROPERTIES = Path.of("..", "config", "application.properties");
    private static final String REDELIVERY_DELAY = "hub.broker.redelivery-delay-ms";
    private static final Duration ONE_PROCESSING = Duration.ofSeconds(2);

    /** How long a test waits before it believes nothing more will arrive (5 s with the shipped settings). */
    public static final Duration REDELIVERY_WINDOW = redeliveryDelay().multipliedBy(3).plus(ONE_PROCESSING);

    /** A receive with a timeout in milliseconds that answers null when nothing came, like JMS {@code receive(long)}. */
    @FunctionalInterface
    public interface Receive {
        Object receive(long timeoutMillis) throws Exception;
    }

    /**
     * Fails if {@code receive}, given the whole {@link #REDELIVERY_WINDOW}, returns anything. {@code what} says
     * what must not arrive, e.g. "a second feed message for a duplicate".
     */
    public static void assertNothingArrivesWithinRedeliveryWindow(String what, Receive receive) throws Exception {
        Object arrived = receive.receive(REDELIVERY_WINDOW.toMillis());
        if (arrived != null) {
            fail("Expected no " + what + " within " + REDELIVERY_WINDOW.toMillis() + " ms, got: " + arrived);
        }
    }

    private static Duration redeliveryDelay() {
        Properties hub = new Properties();
        try (Reader in = Files.newBufferedReader(HUB_PROPERTIES, StandardCharsets.UTF_8)) {
            hub.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + HUB_PROPERTIES.toAbsolutePath() + " for "
                    + REDELIVERY_DELAY, e);
        }
        return Duration.ofMillis(Long.parseLong(hub.getProperty(REDELIVERY_DELAY).strip()));
    }

    private NothingMoreArrives() {
    }
}
