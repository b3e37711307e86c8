package kz.gov.safework.receipts;

import static kz.gov.safework.api.JsonAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiHttpContext;
import kz.gov.safework.api.ApiRouteConfiguration;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import kz.gov.safework.observe.OperatorActions;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.store.Sql;
import kz.gov.safework.store.SubmissionStore;
import org.apache.camel.CamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provenance over HTTP: the search of judged documents and their original bytes, with who may see what. Rows are
 * written the way the pipeline writes them (message_log with the bytes under {@code messages/}, then submission).
 */
class SubmissionSearchApiTest {
    private static final Map<String, Principal> LOGINS = Map.of(
            "operator", new Principal("operator", null, Set.of(Role.OPERATOR)),
            "mtszn", new Principal("mtszn", "MTSZN", Set.of(Role.MTSZN, Role.AGENCY)),
            "mz", new Principal("mz", "MZ", Set.of(Role.AGENCY)),
            "mvd", new Principal("mvd", "MVD", Set.of(Role.AGENCY)),
            "government", new Principal("government", null, Set.of(Role.GOVERNMENT)));
    private static final byte[] MZ_REPORT = "<report agency=\"MZ\">первый</report>".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newHttpClient();
    private JdbcDataSource dataSource;
    private Path dataDir;
    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("provenance");
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:provenance-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        submission("sub-mz-1", "MZ", "jms", "r-mz-1", 2022, "ACCEPTED", "2023-01-05T04:00:00Z", "report 2022.xml",
                "application/xml", MZ_REPORT);
        submission("sub-mz-2", "MZ", "sftp", "r-mz-2", 2023, "REJECTED", "2024-01-05T04:00:00Z", "100%_draft.xml",
                "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        submission("sub-mvd-1", "MVD", "mail", "r-mvd-1", 2022, "ACCEPTED", "2023-01-09T04:00:00Z", "mvd.json",
                "application/json", "{\"agency\":\"MVD\"}".getBytes(StandardCharsets.UTF_8));

        port = AvailablePortFinder.getNextAvailable();
        context = ApiHttpContext.on(port);
        ApiAuthenticator authenticator = header -> BasicCredentials.parse(header)
                .filter(c -> c.password().equals(c.login() + "-secret")).map(c -> LOGINS.get(c.login()));
        context.addRoutes(new ReceiptApiRoutes(new SubmissionStore(dataSource, Clock.systemUTC()),
                new MessageLog(dataDir, dataSource, Clock.systemUTC()), new OperatorActions(dataSource),
                Clock.systemUTC(), ApiAuthentication.anyLogin(authenticator, exchange -> Optional.empty())));
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void operatorFindsADocumentByItsSha256WithItsFileName() throws Exception {
        JsonNode page = json(get("/api/submissions?q=" + Sha256.hex(MZ_REPORT), "operator"));

        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode found = page.path("submissions").get(0);
        assertThat(found.path("submissionId").asText()).isEqualTo("sub-mz-1");
        assertThat(found.path("fileName").asText()).isEqualTo("report 2022.xml");
        assertThat(found.path("reportId").asText()).isEqualTo("r-mz-1");
        assertThat(found.path("channel").asText()).isEqualTo("jms");
    }

    @Test
    void qMatchesASubmissionIdAReportIdOrAPartOfTheFileNameTakenLiterally() throws Exception {
        assertThat(ids(get("/api/submissions?q=sub-mvd-1", "operator"))).containsExactly("sub-mvd-1");
        assertThat(ids(get("/api/submissions?q=r-mz-2", "operator"))).containsExactly("sub-mz-2");
        assertThat(ids(get("/api/submissions?q=REPORT%202022", "operator"))).containsExactly("sub-mz-1");
        assertThat(ids(get("/api/submissions?q=" + enc("100%_"), "operator"))).containsExactly("sub-mz-2");
        assertThat(ids(get("/api/submissions?q=" + enc("%"), "operator"))).containsExactly("sub-mz-2");
        assertThat(ids(get("/api/submissions?q=" + enc("' OR 1=1 --"), "operator"))).isEmpty();
    }

    @Test
    void filtersCombineAndTheNewestComeFirst() throws Exception {
        assertThat(ids(get("/api/submissions", "operator"))).containsExactly("sub-mz-2", "sub-mvd-1", "sub-mz-1");
        assertThat(ids(get("/api/submissions?agency=mz", "operator"))).containsExactly("sub-mz-2", "sub-mz-1");
        assertThat(ids(get("/api/submissions?year=2022&status=accepted", "mtszn")))
                .containsExactly("sub-mvd-1", "sub-mz-1");
        assertThat(ids(get("/api/submissions?channel=mail", "operator"))).containsExactly("sub-mvd-1");
        assertThat(ids(get("/api/submissions?from=2023-01-06&to=2023-01-09", "operator"))).containsExactly("sub-mvd-1");
        assertThat(ids(get("/api/submissions?to=2023-01-05", "operator"))).containsExactly("sub-mz-1");
    }

    @Test
    void pagesCarryTheTotal() throws Exception {
        JsonNode second = json(get("/api/submissions?size=2&page=1", "operator"));
        assertThat(second.path("total").asLong()).isEqualTo(3);
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(second.path("submissions").findValuesAsText("submissionId")).containsExactly("sub-mz-1");
    }

    @Test
    void anAgencySeesOnlyItsOwnWhateverItAsksFor() throws Exception {
        assertThat(ids(get("/api/submissions", "mz"))).containsExactly("sub-mz-2", "sub-mz-1");
        assertThat(ids(get("/api/submissions?agency=MVD", "mz"))).containsExactly("sub-mz-2", "sub-mz-1");
        assertThat(ids(get("/api/submissions?q=sub-mvd-1", "mz"))).isEmpty();
        assertThat(get("/api/submissions", "government").statusCode()).isEqualTo(403);
    }

    @Test
    void aBadParameterIsAProblemNamingIt() throws Exception {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("year=twenty", "year");
        bad.put("year=1999", "year");
        bad.put("status=LOST", "status");
        bad.put("size=0", "size");
        bad.put("size=101", "size");
        bad.put("page=-1", "page");
        bad.put("from=yesterday", "from");
        bad.put("agency=" + enc("MZ' OR '1'='1"), "agency");
        bad.put("channel=" + enc("jms;drop"), "channel");
        bad.put("from=2023-02-01&to=2023-01-01", "to must be after from");
        bad.put("q=" + "x".repeat(257), "q must be");
        for (Map.Entry<String, String> c : bad.entrySet()) {
            HttpResponse<String> response = get("/api/submissions?" + c.getKey(), "operator");
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(ApiRouteConfiguration.PROBLEM_JSON);
            assertThat(json(response).path("detail").asText()).as(c.getKey()).startsWith(c.getValue());
        }
    }

    @Test
    void theOriginalBytesAreServedAsAnAttachmentAndEveryViewIsRecorded() throws Exception {
        HttpResponse<byte[]> response = http.send(request("/api/submissions/sub-mz-1/document", "mtszn"),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(MZ_REPORT);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"sub-mz-1\"");
        assertThat(actions("VIEW_DOCUMENT", "sub-mz-1")).isEqualTo("mtszn|sha256 " + Sha256.hex(MZ_REPORT) + ", "
                + MZ_REPORT.length + " bytes");
    }

    @Test
    void aDocumentThatCouldRunInTheConsolesOriginIsSandboxed() throws Exception {
        HttpResponse<String> response = get("/api/submissions/sub-mz-2/document", "operator");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment"));
    }

    @Test
    void anotherAgencysDocumentIsNotFoundAndNoViewIsRecorded() throws Exception {
        assertThat(get("/api/submissions/sub-mz-1/document", "mvd").statusCode()).isEqualTo(404);
        assertThat(get("/api/submissions/sub-mz-1", "mvd").statusCode()).isEqualTo(404);
        assertThat(get("/api/submissions/sub-mz-1/document", "mz").statusCode()).isEqualTo(200);
        assertThat(actions("VIEW_DOCUMENT", "sub-mz-1")).startsWith("mz|");
    }

    @Test
    void theGovernmentIsRefusedEveryDocumentWhetherItExistsOrNotAndNoViewIsRecorded() throws Exception {
        for (String path : List.of("/api/submissions/sub-mz-1", "/api/submissions/sub-mz-1/document",
                "/api/submissions/no-such-submission", "/api/submissions/no-such-submission/document")) {
            HttpResponse<String> response = get(path, "government");
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValue(ApiRouteConfiguration.PROBLEM_JSON);
            assertThat(json(response).path("code").asText()).as(path).isEqualTo("forbidden");
        }
        assertThat(actions("VIEW_DOCUMENT", "sub-mz-1")).isNull();
    }

    @Test
    void aLogRowPointingOutsideTheMessageLogServesNothing() throws Exception {
        Path outside = dataDir.resolve("secret.txt");
        Files.writeString(outside, "not a document");
        exec("UPDATE message_log SET body_path = ? WHERE submission_id = ?", "messages/../secret.txt", "sub-mvd-1");

        HttpResponse<String> response = get("/api/submissions/sub-mvd-1/document", "operator");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("not a document");
        assertThat(actions("VIEW_DOCUMENT", "sub-mvd-1")).isNull();
    }

    // --- fixture ---

    private void submission(String id, String agency, String channel, String reportId, int year, String status,
                            String at, String fileName, String contentType, byte[] body) throws Exception {
        String sha = Sha256.hex(body);
        Instant received = Instant.parse(at);
        Path file = dataDir.resolve(MessageLog.FOLDER).resolve(at.substring(0, 10)).resolve(id + "." + sha);
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        exec("""
                INSERT INTO message_log (submission_id, channel, login, agency, transport_id, file_name, content_type,
                  received_at, logged_at, size_bytes, sha256, body_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, channel, agency.toLowerCase(), agency, "t-" + id,
                fileName, contentType, Timestamp.from(received), Timestamp.from(received), (long) body.length, sha,
                dataDir.relativize(file).toString());
        exec("""
                INSERT INTO submission (submission_id, channel, agency, report_id, plan_id, report_year, status, late,
                  sha256, received_at, processed_at, receipt_json)
                VALUES (?, ?, ?, ?, 'plan', ?, ?, FALSE, ?, ?, ?, '{}')""", id, channel, agency, reportId, year, status,
                sha, Timestamp.from(received), Timestamp.from(received));
    }

    private void exec(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }

    /** "login|outcome" of the latest recorded action of the kind on the target, null when none. */
    private String actions(String kind, String target) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT operator_login, outcome FROM operator_action WHERE action = ? AND target = ? ORDER BY action_id DESC")) {
            ps.setString(1, kind);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getString(2) : null;
            }
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest request(String path, String login) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((login + ":" + login + "-secret").getBytes(StandardCharsets.UTF_8)))
                .GET().build();
    }

    private HttpResponse<String> get(String path, String login) throws Exception {
        return http.send(request(path, login), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static java.util.List<String> ids(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("submissions").findValuesAsText("submissionId");
    }
}
