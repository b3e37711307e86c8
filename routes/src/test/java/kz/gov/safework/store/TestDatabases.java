package kz.gov.safework.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import kz.gov.safework.testing.RequiredService;
import org.flywaydb.core.Flyway;

/**
 * The databases store tests run on: H2 in memory always, and PostgreSQL when {@code .ci/postgres.sh}
 * has started one (it writes /tmp/safework-ci/postgres.properties); in CI a missing PostgreSQL fails
 * ({@link RequiredService}).
 */
public final class TestDatabases {
    private static final String PROPERTIES = "postgres.properties";
    private static final String SCRIPT = ".ci/postgres.sh";

    public record TestDatabase(String name, HikariDataSource dataSource) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<TestDatabase> all() {
        List<TestDatabase> dbs = new ArrayList<>();
        dbs.add(h2());
        RequiredService.optionalProperties(PROPERTIES, SCRIPT).ifPresent(p -> dbs.add(postgres(p)));
        return dbs;
    }

    public static TestDatabase h2() {
        return migrated("H2", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * The PostgreSQL database handed out last. A new one drops the schema it used, so the last one is finished and its
     * pool is closed: left open, every parameterized test kept four connections until the JVM ended, and a module's
     * tests reached PostgreSQL's 100 connections.
     */
    private static HikariDataSource lastPostgres;

    private static synchronized TestDatabase postgres(Properties p) {
        if (lastPostgres != null) {
            lastPostgres.close();
        }
        HikariDataSource ds = dataSource(p.getProperty("url"), p.getProperty("user"), p.getProperty("password"));
        lastPostgres = ds;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL from " + PROPERTIES + " unusable", e);
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new TestDatabase("PostgreSQL", ds);
    }

    private static TestDatabase migrated(String name, String url, String user, String password) {
        HikariDataSource ds = dataSource(url, user, password);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new TestDatabase(name, ds);
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private TestDatabases() {
    }
}
