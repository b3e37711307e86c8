package kz.gov.safework.connectors.sftp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Idempotent repository in the hub's database (table {@code sftp_remote_taken}, migration V40), one
 * {@code processorName} per polled agency. Used non-eagerly by the remote SFTP consumers: a file's key is
 * added only when its envelope was handed over and the remote move is being committed, so a crash before
 * that takes the file again (same transport id: a redelivery), while a restart or a second hub instance
 * never takes a committed file again. A small class instead of camel-sql's JdbcMessageIdRepository, which
 * would pull Spring JDBC into the connectors.
 */
public record JdbcIdempotentRepository(DataSource dataSource, String processorName, Clock clock)
        implements IdempotentRepository {
    /** Nothing to start or stop: every call takes a connection of its own from the pool. */
    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean add(String key) {
        try {
            call("INSERT INTO sftp_remote_taken (processor_name, message_id, created_at) VALUES (?, ?, ?)", key, s -> {
                s.setTimestamp(3, Timestamp.from(clock.instant()));
                return s.executeUpdate();
            });
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // unique key: already there (possibly added by another hub instance)
            }
            throw failure(e);
        }
    }

    @Override
    public boolean contains(String key) {
        return run("SELECT 1 FROM sftp_remote_taken WHERE processor_name = ? AND message_id = ?", key, s -> {
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public boolean remove(String key) {
        return run("DELETE FROM sftp_remote_taken WHERE processor_name = ? AND message_id = ?", key,
                PreparedStatement::executeUpdate) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        run("DELETE FROM sftp_remote_taken WHERE processor_name = ?", null, PreparedStatement::executeUpdate);
    }

    /** What is done with a statement whose first parameter (processor name) and second (key) are set. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    /** {@link #call}, any database failure thrown as the repository's failure. */
    private <T> T run(String sql, String key, StatementWork<T> work) {
        try {
            return call(sql, key, work);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code sql} on a connection of its own, with this processor's name and {@code key} (unless null) set. */
    private <T> T call(String sql, String key, StatementWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, processorName);
            if (key != null) {
                s.setString(2, key);
            }
            return work.apply(s);
        }
    }

    private RuntimeCamelException failure(SQLException e) {
        return new RuntimeCamelException("idempotent repository " + processorName + ": " + e.getMessage(), e);
    }
}
