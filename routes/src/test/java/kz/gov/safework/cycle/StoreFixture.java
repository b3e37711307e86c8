package kz.gov.safework.cycle;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.store.Sql;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Writes submissions and item entries the way the pipeline stores them (V1__store.sql). */
final class StoreFixture {
    final DataSource dataSource;

    /**
     * H2 in memory; with {@code -Dcycle.test.postgres=jdbc:postgresql://host/db?user=..&password=..} the same
     * tests run on PostgreSQL instead, each fixture in a schema of its own.
     */
    StoreFixture(String name) {
        String postgres = System.getProperty("cycle.test.postgres", "");
        if (postgres.isBlank()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            this.dataSource = h2;
        } else {
            String schema = "t_" + name.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(java.util.Locale.ROOT);
            org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
            pg.setURL(postgres);
            pg.setCurrentSchema(schema);
            this.dataSource = pg;
            exec("CREATE SCHEMA " + schema);
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    record Entry(String item, ItemStatus status, String narrativeRu, String docType, String docNumber,
                 LocalDate docDate, BigDecimal planned, BigDecimal actual) {
        static Entry of(String item, ItemStatus status, String narrativeRu) {
            return new Entry(item, status, narrativeRu, null, null, null, null, null);
        }
    }

    /** An ACCEPTED submission with its entries; a correction marks the report it replaces as superseded. */
    void accepted(String submissionId, String agency, String reportId, int year, Instant receivedAt, boolean late,
                  String correctionOf, Entry... entries) {
        submission(submissionId, agency, reportId, year, "ACCEPTED", receivedAt, late, correctionOf);
        for (Entry e : entries) {
            exec("""
                    INSERT INTO item_entry (submission_id, item_number, agency, plan_id, report_year, status,
                      narrative_ru, narrative_kk, completion_type, completion_number, completion_date, completion_title,
                      expenses_planned, expenses_actual, expenses_source, entry_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, NULL, '{}')""",
                    submissionId, e.item(), agency, TestReference.PLAN, year, e.status().name(), e.narrativeRu(),
                    e.docType(), e.docNumber(), e.docDate(), e.planned(), e.actual());
        }
        if (correctionOf != null) {
            exec("UPDATE submission SET superseded_by = ? WHERE report_id = ? AND status = 'ACCEPTED'",
                    submissionId, correctionOf);
        }
    }

    void rejected(String submissionId, String agency, int year, Instant receivedAt) {
        submission(submissionId, agency, null, year, "REJECTED", receivedAt, false, null);
    }

    private void submission(String id, String agency, String reportId, int year, String status, Instant at,
                            boolean late, String correctionOf) {
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        exec("""
                INSERT INTO submission (submission_id, channel, agency, report_id, plan_id, report_year, status, late,
                  correction_of, sha256, received_at, processed_at, receipt_json, feed_json)
                VALUES (?, 'jms', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', NULL)""",
                id, agency, reportId, TestReference.PLAN, year, status, late, correctionOf,
                Sha256.hex(id), t, t);
    }

    int count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             var rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }
}
