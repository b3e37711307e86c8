package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog's decisions, one tick at a time (its timer is not started here). */
class JournalWatchdogTest {
    @TempDir
    Path dataDir;
    private Path broker;

    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean(true);
    private final AtomicBoolean startFails = new AtomicBoolean();

    private JournalWatchdog watchdog() throws IOException {
        broker = Files.createDirectories(dataDir.resolve("broker").resolve("journal")).getParent();
        return new JournalWatchdog(() -> {
            restarts.incrementAndGet();
            if (startFails.get()) {
                throw new IllegalStateException("the new server is STOPPED");
            }
        }, stopped::get, List.of(broker, broker.resolve("journal"), broker.resolve("paging")));
    }

    /** One tick of the timer, after which the broker is up and {@code restartsSoFar} restarts were made in all. */
    private void tickLeavesUp(JournalWatchdog watchdog, int restartsSoFar) {
        watchdog.check();
        assertThat(restarts).hasValue(restartsSoFar);
        assertThat(watchdog.down()).isFalse();
    }

    /** One tick of the timer, after which the broker is still down and {@code restartsSoFar} restarts were made. */
    private void tickLeavesDown(JournalWatchdog watchdog, int restartsSoFar) {
        watchdog.check();
        assertThat(restarts).hasValue(restartsSoFar);
        assertThat(watchdog.down()).isTrue();
    }

    @Test
    void doesNothingWithoutACriticalError() throws Exception {
        tickLeavesUp(watchdog(), 0);
    }

    @Test
    void restartsOnceTheOldServerHasStoppedAndTheJournalTakesWrites() throws Exception {
        JournalWatchdog watchdog = watchdog();
        stopped.set(false);
        watchdog.onIOException(new IOException("Permission denied"), "journal", "1.msg");
        assertThat(watchdog.down()).isTrue();
        watchdog.check();
        assertThat(restarts).as("Artemis is still stopping the old server").hasValue(0);

        stopped.set(true);
        tickLeavesUp(watchdog, 1);
        watchdog.check();
        assertThat(restarts).as("no second restart without a new error").hasValue(1);
        assertThat(broker.resolve("journal").resolve(JournalWatchdog.PROBE)).doesNotExist();
    }

    @Test
    void aFailedStartIsTriedAgainOnlyAfterTheBackOff() throws Exception {
        JournalWatchdog watchdog = watchdog();
        startFails.set(true);
        watchdog.onIOException(new IOException("Permission denied"), "journal", null);
        watchdog.check();
        watchdog.check();
        assertThat(restarts).as("the second tick falls within the first back-off of %s", JournalWatchdog.BACKOFF.first())
                .hasValue(1);
        assertThat(watchdog.down()).isTrue();
    }

    @Test
    void aJournalThatCannotBeWrittenIsNotStarted() throws Exception {
        JournalWatchdog watchdog = watchdog();
        Files.delete(broker.resolve("journal"));
        Files.delete(broker);
        Files.writeString(broker, "a file where the folder should be");
        watchdog.onIOException(new IOException("Input/output error"), "journal", null);
        tickLeavesDown(watchdog, 0);
        assertThatThrownBy(watchdog::probe).isInstanceOf(IOException.class);

        // The disk takes writes again: the very next tick starts the broker, a refused probe is no failed start.
        Files.delete(broker);
        Files.createDirectories(broker.resolve("journal"));
        tickLeavesUp(watchdog, 1);
    }

    @Test
    void aMissingSubfolderIsLeftToArtemis() throws Exception {
        JournalWatchdog watchdog = watchdog();
        watchdog.probe(); // paging/ does not exist yet: not probed
        assertThat(broker.resolve("paging")).doesNotExist();
    }
}
