package kz.gov.safework.store;

import java.sql.SQLException;

/** Small SQL helpers shared by the stores; portable between H2 and PostgreSQL. */
public final class Sql {
    static String limit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** SQLState 23505 on both H2 and PostgreSQL. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private Sql() {
    }
}
