package kz.gov.safework.connectors.jms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import kz.gov.safework.contract.Backoff;
import org.apache.activemq.artemis.core.io.IOCriticalErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the embedded broker back after a disk fault. On a critical IO error (its journal's disk refused a write)
 * Artemis stops the server for good ({@code ActiveMQServerImpl.DefaultCriticalErrorListener} calls
 * {@code stopTheServer(true)} and never starts it again). This listener, registered on each server, notes the error;
 * once that server has stopped, it writes a probe file into every folder of the journal and, when all of them take
 * it, starts a new server from the same configuration. A refused probe is tried again at the next tick (it costs one
 * small write), so the broker is back within a tick of the disk; a failed start backs off (1 s doubling to 30 s) and
 * is logged with its cause, since the disk took writes and something else is wrong.
 * Logged once per change: the fault, and the broker back.
 */
final class JournalWatchdog implements IOCriticalErrorListener {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWatchdog.class);
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    static final String PROBE = ".write-probe";
    private static final Duration TICK = Duration.ofMillis(500);

    /** Starts a new server; throws if it could not. */
    interface Restart {
        void run() throws Exception;
    }

    private final Restart restart;
    private final BooleanSupplier stopped;
    private final List<Path> folders;
    /** A critical IO error not yet answered by a restart. */
    private final AtomicBoolean faulted = new AtomicBoolean();
    /** From the fault until the broker runs again: what is logged once per change. */
    private volatile boolean down;
    private ScheduledExecutorService timer;
    /** Only the timer's thread touches these. */
    private int probesRefused;
    private int failedStarts;
    private long nextTry = System.nanoTime();

    /**
     * @param stopped whether the current server has stopped (Artemis stops it in a thread of its own)
     * @param folders the journal's folders, their parent first; each must take a write before a restart is tried
     */
    JournalWatchdog(Restart restart, BooleanSupplier stopped, List<Path> folders) {
        this.restart = restart;
        this.stopped = stopped;
        this.folders = List.copyOf(folders);
    }

    @Override
    public void onIOException(Throwable cause, String message, String file) {
        faulted.set(true);
        if (!down) {
            down = true;
            LOG.error("The embedded broker stops after a critical IO error on its journal, {} ({}): {}; it is started "
                    + "again once the journal's disk takes writes", message, file == null ? "no file" : file,
                    cause.toString());
        }
    }

    synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broker-journal-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Whether a critical IO error stopped the broker and it has not run again since. */
    boolean down() {
        return down;
    }

    /** One tick: after a fault, once the old server has stopped and the back-off has passed, probe and restart. */
    void check() {
        if (!faulted.get() || System.nanoTime() - nextTry < 0 || !stopped.getAsBoolean()) {
            return;
        }
        try {
            probe();
        } catch (IOException e) {
            probesRefused++;
            LOG.debug("The embedded broker's journal does not take writes yet (probe {})", probesRefused, e);
            return;
        }
        try {
            faulted.set(false); // before the start: a fault of the new server counts
            restart.run();
            if (!faulted.get()) {
                down = false;
                LOG.info("The embedded broker runs again, its journal's disk takes writes ({} probes refused, {} "
                        + "starts failed)", probesRefused, failedStarts);
                probesRefused = 0;
                failedStarts = 0;
            }
        } catch (Exception e) {
            faulted.set(true);
            failedStarts++;
            Duration wait = BACKOFF.after(failedStarts);
            nextTry = System.nanoTime() + wait.toNanos();
            LOG.warn("The embedded broker's journal takes writes but the broker did not start (try {}), next try in "
                    + "{} s: {}", failedStarts, wait.toSeconds(), e.toString());
        }
    }

    /**
     * Creates, writes, syncs and deletes a file in every folder of the journal that exists (Artemis makes a missing
     * one in the first folder, which is probed).
     */
    void probe() throws IOException {
        for (Path folder : folders) {
            if (folder != folders.get(0) && !Files.isDirectory(folder)) {
                continue;
            }
            Path probe = folder.resolve(PROBE);
            try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(new byte[] {1}));
                out.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
    }
}
