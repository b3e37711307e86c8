package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged hub on PostgreSQL (production's database): every migration runs, a report is accepted
 * and stored there. Uses the server .ci/postgres.sh starts; in CI (CI=true) a missing one fails.
 */
class PostgresIT {
    @TempDir
    Path data;

    @Test
    void storesAnAcceptedReportInPostgres() throws Exception {
        Properties pg = RequiredService.properties("postgres.properties", ".ci/postgres.sh");
        try (Connection c = DriverManager.getConnection(pg.getProperty("url"), pg.getProperty("user"),
                pg.getProperty("password")); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        String reportId = Reports.newId();
        try (HubProcess hub = new HubProcess(data, Map.of("hub.db.url", pg.getProperty("url"),
                "hub.db.user", pg.getProperty("user"), "hub.db.password", pg.getProperty("password"))).start();
             AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                     QueueChannelIT.password("akimat-astana"))) {
            String id = astana.sendText(Reports.akimatAstana(reportId), Map.of());
            Message receipt = astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + id + "'", 30_000);
            assertThat(receipt).isNotNull();
            assertThat(new ObjectMapper().readTree(AgencyClient.text(receipt)).path("status").asText())
                    .isEqualTo("ACCEPTED");
        }
        try (Connection c = DriverManager.getConnection(pg.getProperty("url"), pg.getProperty("user"),
                pg.getProperty("password")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM submission WHERE report_id = '" + reportId + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ACCEPTED");
        }
    }
}
