package kz.gov.safework.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Work that must not run twice at once on any hub instance sharing the database: the caller holds the row of
 * {@code hub_lock} named by the lock ({@code SELECT ... FOR UPDATE}, V50) while the work runs, and every other
 * caller, on this instance or another, waits for the row. The lock is the database's, so an instance that dies
 * while holding it loses its connection and the lock with it.
 */
public final class DatabaseLock {
    /** Building a draft consolidated report (the schedule and the API, on any instance). */
    public static final String CONSOLIDATION_DRAFT = "consolidation-draft";
    /** How many rows of {@code hub_lock} share the submissions' answering locks ({@link #answering}, V55). */
    public static final int ANSWER_STRIPES = 16;
    /** How long an H2 session waits for the row (H2's own default is one second); PostgreSQL waits as long as it takes. */
    static final int H2_LOCK_WAIT_MS = 600_000;

    private final DataSource dataSource;

    public DatabaseLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work holding the named lock; the lock is released when the work returns or throws. */
    public <T> T call(String lock, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
            int h2Timeout = h2 ? h2LockTimeout(c) : 0;
            c.setAutoCommit(false);
            try {
                if (h2) {
                    setH2LockTimeout(c, H2_LOCK_WAIT_MS);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT lock_name FROM hub_lock WHERE lock_name = ? FOR UPDATE")) {
                    ps.setString(1, lock);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no row in hub_lock for lock " + lock);
                        }
                    }
                }
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                if (h2) {
                    setH2LockTimeout(c, h2Timeout);
                }
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // A database that is gone is an outage (the pipeline pauses for it), not the caller's failure.
            throw Outages.of("database lock " + lock + " failed", e);
        }
    }

    /** The lock a submission's repeated answers are sent under: {@code answer-0} to {@code answer-15}. */
    public static String answering(String submissionId) {
        return "answer-" + Math.floorMod(submissionId.hashCode(), ANSWER_STRIPES);
    }

    private static int h2LockTimeout(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT LOCK_TIMEOUT()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void setH2LockTimeout(Connection c, int ms) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCK_TIMEOUT " + ms);
        }
    }
}
