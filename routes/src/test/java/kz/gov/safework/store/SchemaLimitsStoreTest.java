package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;
import kz.gov.safework.testing.SchemaStringLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every string limit of the report schema, derived from the JSON Schema itself (and checked against the
 * XSD's): a document with that field at exactly its limit is valid and is stored, on H2 and PostgreSQL;
 * one character more is a SCHEMA_VIOLATION at that path. The text is Cyrillic with a character outside
 * the BMP, so a store counting UTF-16 units is caught too.
 */
class SchemaLimitsStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSD = "/schemas/report/progress-report-v1.xsd";
    private static final Instant NOW = Instant.parse("2024-01-05T10:00:00Z");

    /** A report with every optional field present, each string field reachable by its JSON pointer. */
    private static final String BASE = """
            {"schema": "urn:kz:gov:safework:progress-report:v1",
             "reportId": "%s", "agency": "AKIMAT-ASTANA", "plan": "safe-labor-2021-2025", "year": 2023,
             "contact": {"name": "Касымова Айгерим", "position": "Главный специалист", "email": "trud@astana.example",
                         "phone": "+7 (7172) 55-62-14"},
             "items": [{"item": "14", "status": "COMPLETED", "narrativeRu": "Сделано.", "narrativeKk": "Жасалды.",
                        "completionDocument": {"type": "приказ", "number": "17", "date": "2023-01-21", "title": "Приказ"},
                        "indicators": [{"name": "Обучено", "unit": "человек", "value": 18}],
                        "expenses": {"planned": 1.0, "actual": 1.0, "source": "местный бюджет"},
                        "attachments": [{"name": "a.pdf", "mediaType": "application/pdf",
                                         "sha256": "5a66d854d56145ba502857e0d63c247632516582d93921a4fc63f54590c459b2", "size": 1}]}]}
            """;

    static Map<String, Integer> jsonLimits() throws Exception {
        return SchemaStringLimits.ofReportSchema();
    }

    static Stream<Arguments> limitsOnEveryDatabase() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (TestDatabases.TestDatabase db : TestDatabases.all()) {
            jsonLimits().forEach((path, max) -> cases.add(Arguments.of(db, path, max)));
        }
        return cases.stream();
    }

    @Test
    void everyFreeTextFieldOfTheReportHasALimit() throws Exception {
        assertThat(jsonLimits()).containsKeys("/contact/name", "/contact/position", "/contact/email",
                "/items/0/narrativeRu", "/items/0/narrativeKk", "/items/0/completionDocument/type",
                "/items/0/completionDocument/number", "/items/0/completionDocument/title",
                "/items/0/indicators/0/name", "/items/0/indicators/0/unit", "/items/0/expenses/source",
                "/items/0/attachments/0/name", "/items/0/attachments/0/mediaType");
    }

    @Test
    void theXsdHasTheSameLimitsAsTheJsonSchema() throws Exception {
        String xsd;
        try (InputStream in = SchemaLimitsStoreTest.class.getResourceAsStream(XSD)) {
            xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TreeSet<Integer> xsdLimits = new TreeSet<>();
        Matcher m = Pattern.compile("<xs:maxLength value=\"(\\d+)\"").matcher(xsd);
        while (m.find()) {
            xsdLimits.add(Integer.parseInt(m.group(1)));
        }
        assertThat(xsdLimits).isEqualTo(new TreeSet<>(jsonLimits().values()));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("limitsOnEveryDatabase")
    void aDocumentAtTheLimitIsStoredAndOneMoreIsRefused(TestDatabases.TestDatabase db, String path, int max) throws Exception {
        String atLimit = text(path, max);
        byte[] doc = document(path, atLimit);
        ReadResult read = DocumentReader.progressReports().read(new ByteArrayInputStream(doc), 10 << 20);
        assertThat(read.errors()).as(path).isEmpty();

        Outcome outcome = new SubmissionStore(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC))
                .record(envelope(doc), new Verdict(read, List.of(), List.of(), false));
        assertThat(outcome.receipt().status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(storedFeed(db, outcome.receipt().submissionId())).contains(JSON.writeValueAsString(atLimit));

        ReadResult over = DocumentReader.progressReports().read(new ByteArrayInputStream(document(path, text(path, max + 1))),
                10 << 20);
        assertThat(over.errors()).extracting(ValidationError::code).contains(ErrorCode.SCHEMA_VIOLATION);
        assertThat(over.errors()).extracting(ValidationError::path).contains(path);
    }

    /** Exactly {@code length} code points that the field's pattern accepts. */
    private static String text(String path, int length) {
        return SchemaStringLimits.valueOfLength(path, length);
    }

    private static byte[] document(String path, String value) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(BASE.formatted(UUID.randomUUID()));
        int slash = path.lastIndexOf('/');
        JsonNode parent = doc.at(path.substring(0, slash));
        ((ObjectNode) parent).put(path.substring(slash + 1), value);
        return JSON.writeValueAsBytes(doc);
    }

    private static Envelope envelope(byte[] doc) {
        String transportId = UUID.randomUUID().toString();
        return new Envelope(UUID.nameUUIDFromBytes(transportId.getBytes()).toString(), Channel.JMS, "akimat-astana",
                "AKIMAT-ASTANA", transportId, null, null, NOW, null, transportId, null, null, Path.of("/dev/null"),
                doc.length, UUID.randomUUID().toString().replace("-", "") + "0".repeat(32));
    }

    private static String storedFeed(TestDatabases.TestDatabase db, String submissionId) {
        List<String> feeds = Sql.query(db.dataSource(), "SELECT feed_json FROM submission WHERE submission_id = ?",
                ps -> ps.setString(1, submissionId), rs -> rs.getString(1));
        assertThat(feeds).hasSize(1);
        return feeds.get(0);
    }
}
