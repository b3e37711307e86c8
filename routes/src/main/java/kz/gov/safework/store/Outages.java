package kz.gov.safework.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Outages of the store: which failures are one (the database or the disk went away), whether the store is back
 * (a probe that asks the database and writes to the data dir), and for how long an outage has lasted. The
 * pipeline stops taking documents during an outage and starts again when the probe passes; within
 * {@code hub.outage.tolerance} an outage never sends a document to the DLQ.
 */
public final class Outages {
    /**
     * H2's own codes for its files failing or the database closed under it; beside them the SQLState classes of a
     * lost or refused connection (08) and of a server shutting down or starting (57P).
     */
    private static final Set<String> H2_IO_ERRORS = Set.of("90028", "90031", "90098", "90121", "90062", "90100");

    private final DataSource dataSource;
    private final Path dataDir;
    private final Clock clock;
    private final Duration tolerance;
    private volatile Instant since;

    public Outages(DataSource dataSource, Path dataDir, Clock clock, Duration tolerance) {
        this.dataSource = dataSource;
        this.dataDir = dataDir;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** Whether a failure is the store's environment going away rather than something about the document. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutageException || t instanceof java.nio.file.FileSystemException
                    || t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left")
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || H2_IO_ERRORS.contains(state)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The store exception for a failure: an {@link OutageException} when the failure is an outage. */
    static StoreException of(String message, Throwable failure) {
        return isOutage(failure) ? new OutageException(message, failure) : new StoreException(message, failure);
    }

    /** An outage was seen now; the first one starts the clock of the tolerance. */
    public void seen() {
        if (since == null) {
            since = clock.instant();
        }
    }

    /** The store answered again: the outage is over. */
    public void ended() {
        since = null;
    }

    /** Whether an outage is going on (seen and not yet ended). */
    public boolean ongoing() {
        return since != null;
    }

    /** Whether the outage going on (if any) is still within {@code hub.outage.tolerance}. */
    public boolean withinTolerance() {
        Instant started = since;
        return started == null || !clock.instant().isAfter(started.plus(tolerance));
    }

    /** Whether the database answers and the message log's folder takes a write; ends the outage when both do. */
    public boolean storeAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return false;
            }
            Path folder = dataDir.resolve(MessageLog.FOLDER); // where the pipeline writes first
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".outage-probe", ".tmp");
            Files.delete(probe);
        } catch (SQLException | IOException | RuntimeException down) {
            return false;
        }
        ended();
        return true;
    }
}
