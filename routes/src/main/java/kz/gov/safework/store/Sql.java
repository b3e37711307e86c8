package kz.gov.safework.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Small SQL helpers shared by the stores; portable between H2 and PostgreSQL. */
public final class Sql {
    /** One group of CHECKPOINT SYNCs per H2 database (by JDBC URL). */
    private static final Map<String, GroupSync> H2_SYNCS = new ConcurrentHashMap<>();

    /** Binds a statement's parameters. */
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads the current row. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The rows a parameterised query answers, each read by the mapper; a failure names the query's first line. */
    public static <T> List<T> query(DataSource dataSource, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql.lines().findFirst().orElse(sql), e);
        }
    }

    /**
     * Runs a parameterised INSERT, UPDATE or DELETE on a connection of its own, binding the values in order;
     * answers the rows changed. A failure names the statement's first line.
     */
    public static int update(DataSource dataSource, String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql.lines().findFirst().orElse(sql), e);
        }
    }

    /** A timestamp column as an instant; SQL NULL is null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static String limit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** SQLState 23505 on both H2 and PostgreSQL. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Commits so that a power cut cannot take the commit back once something outside the database (a receipt,
     * the Government package) has acted on it. PostgreSQL fsyncs its WAL on commit (synchronous_commit=on, its
     * default). H2 writes the commit to its file but leaves it in the operating system's cache; {@code CHECKPOINT
     * SYNC} makes H2 flush and fsync its store (H2 2.3: Database.sync, an admin command; the embedded default
     * user {@code sa} is admin). A checkpoint makes every commit before it durable, so the pipeline's concurrent
     * consumers share one ({@link GroupSync}) instead of queueing for one each: same guarantee, fewer fsyncs.
     */
    public static void durableCommit(Connection c) throws SQLException {
        c.commit();
        DatabaseMetaData meta = c.getMetaData();
        if ("H2".equals(meta.getDatabaseProductName())) {
            H2_SYNCS.computeIfAbsent(meta.getURL(), url -> new GroupSync()).afterCommit(() -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            });
        }
    }

    private Sql() {
    }
}
