package kz.gov.safework.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rows of {@code cluster_lease} (V50): who runs which singleton until when. A lease is taken when its row is
 * missing or expired, renewed by its holder, and released by setting it expired; the database's row lock and
 * primary key decide between two instances trying at once. Times are the caller's clock in epoch ms, so the
 * instances' clocks must agree (NTP) to well within the lease's duration.
 */
final class Leases {
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration duration;

    Leases(DataSource dataSource, Clock clock, Duration duration) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.duration = duration;
    }

    /** Takes or renews the namespace's lease for the holder; false when another holder's lease has not expired. */
    boolean acquire(String namespace, String holder) {
        long now = clock.millis();
        long until = now + duration.toMillis();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET holder = ?, expires_at = ?"
                    + " WHERE namespace = ? AND (holder = ? OR expires_at < ?)")) {
                ps.setString(1, holder);
                ps.setLong(2, until);
                ps.setString(3, namespace);
                ps.setString(4, holder);
                ps.setLong(5, now);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cluster_lease (namespace, holder, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, namespace);
                ps.setString(2, holder);
                ps.setLong(3, until);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Sql.isUniqueViolation(e)) {
                    return false; // another instance holds it, or took it just now
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("lease " + namespace + " not taken", e);
        }
    }

    /** The holder of the namespace's lease, if it has not expired. */
    Optional<String> holder(String namespace) {
        return Sql.query(dataSource, "SELECT holder FROM cluster_lease WHERE namespace = ? AND expires_at >= ?",
                ps -> {
                    ps.setString(1, namespace);
                    ps.setLong(2, clock.millis());
                }, rs -> rs.getString(1)).stream().findFirst();
    }

    /** Gives the lease up at once (a graceful stop), so another instance need not wait for it to expire. */
    void release(String namespace, String holder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE cluster_lease SET expires_at = 0 WHERE namespace = ? AND holder = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("lease " + namespace + " not released", e);
        }
    }

    Duration duration() {
        return duration;
    }
}
