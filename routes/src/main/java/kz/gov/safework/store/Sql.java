package kz.gov.safework.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Small SQL helpers shared by the stores; portable between H2 and PostgreSQL. */
public final class Sql {
    static String limit(String value, int max) {
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
     * user {@code sa} is admin).
     */
    public static void durableCommit(Connection c) throws SQLException {
        c.commit();
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    private Sql() {
    }
}
