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
import org.apache.camel.support.service.ServiceSupport;

/**
 * Idempotent repository in the hub's database (table {@code sftp_remote_taken}, migration V40), one
 * {@code processorName} per polled agency. Used non-eagerly by the remote SFTP consumers: a file's key is
 * added only when its envelope was handed over and the remote move is being committed, so a crash before
 * that takes the file again (same transport id: a redelivery), while a restart or a second hub instance
 * never takes a committed file again. A small class instead of camel-sql's JdbcMessageIdRepository, which
 * would pull Spring JDBC into the connectors.
 */
public final class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {
    private final DataSource dataSource;
    private final String processorName;
    private final Clock clock;

    public JdbcIdempotentRepository(DataSource dataSource, String processorName, Clock clock) {
        this.dataSource = dataSource;
        this.processorName = processorName;
        this.clock = clock;
    }

    @Override
    public boolean add(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO sftp_remote_taken (processor_name, message_id, created_at) VALUES (?, ?, ?)")) {
            s.setString(1, processorName);
            s.setString(2, key);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // unique key: already there (possibly added by another hub instance)
            }
            throw new RuntimeCamelException("idempotent repository " + processorName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT 1 FROM sftp_remote_taken WHERE processor_name = ? AND message_id = ?")) {
            s.setString(1, processorName);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("idempotent repository " + processorName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String key) {
        return update("DELETE FROM sftp_remote_taken WHERE processor_name = ? AND message_id = ?", key) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        update("DELETE FROM sftp_remote_taken WHERE processor_name = ?", null);
    }

    private int update(String sql, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, processorName);
            if (key != null) {
                s.setString(2, key);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new RuntimeCamelException("idempotent repository " + processorName + ": " + e.getMessage(), e);
        }
    }
}
