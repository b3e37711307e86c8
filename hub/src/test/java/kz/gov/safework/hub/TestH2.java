package kz.gov.safework.hub;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/** A fresh in-memory H2 database with the hub's migrations, for tests of two hub instances in one JVM on one database. */
public final class TestH2 {
    private TestH2() {
    }

    /** The pool of a new database, migrated; the caller closes it. */
    public static HikariDataSource migrated() {
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db.setUsername("sa");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        return db;
    }
}
