package kz.gov.safework.connectors.mail;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import kz.gov.safework.testing.RequiredService;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link MailOutboxTest} on PostgreSQL (production's database), each test in a schema of its own so nothing else
 * using the server is touched: the mail store's locking, typed NULLs and inserts-if-absent as PostgreSQL reads them.
 */
class MailOutboxPostgresTest extends MailOutboxTest {
    private PGSimpleDataSource admin;
    private String schema;

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    DataSource database() throws Exception {
        Properties p = RequiredService.properties("postgres.properties", ".ci/postgres.sh");
        schema = "mail_" + UUID.randomUUID().toString().replace("-", "");
        admin = new PGSimpleDataSource();
        admin.setUrl(p.getProperty("url"));
        admin.setUser(p.getProperty("user"));
        admin.setPassword(p.getProperty("password"));
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(p.getProperty("url"));
        ds.setUser(p.getProperty("user"));
        ds.setPassword(p.getProperty("password"));
        ds.setCurrentSchema(schema);
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
