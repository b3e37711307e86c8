package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import kz.gov.safework.testing.SchemaStringLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text in documents, against the packaged hub over AMQP: every string field at exactly its schema limit
 * (derived from the JSON Schema) is accepted and stored, one character more is a SCHEMA_VIOLATION at that
 * path; a control character or non-character in any free-text field, JSON or XML, is INVALID_CHARACTER at
 * that path. Nothing but the accepted reports reaches the feed, the DLQ stays empty, the hub stays healthy.
 */
@ExtendWith(SharedHub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentTextIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = 20_000;

    /** Its own: the feed must hold only its accepted reports and the dead letters none. */
    @SharedHub.Hub(own = true)
    static HubProcess hub;
    static AgencyClient astana;
    static final Set<String> accepted = new HashSet<>();

    @BeforeAll
    static void connect() throws Exception {
        astana = new AgencyClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"));
    }

    @AfterAll
    static void disconnect() throws Exception {
        HubProcess.closeAll(astana);
    }

    /** JSON Pointer of every string with a maxLength in the report schema → that limit. */
    static Map<String, Integer> limits() throws Exception {
        return SchemaStringLimits.ofReportSchema();
    }

    static Stream<String> limitedPaths() throws Exception {
        return limits().keySet().stream();
    }

    /** Free text: limited strings without a format of their own (e-mail, media type). */
    static Stream<String> freeTextPaths() throws Exception {
        return limitedPaths().filter(p -> !p.endsWith("/email") && !p.endsWith("/mediaType"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitedPaths")
    @Order(1)
    void acceptsEachFieldAtItsLimitAndRefusesOneMore(String path) throws Exception {
        int max = limits().get(path);
        JsonNode receipt = send(json(path, text(path, max)));
        assertThat(receipt.path("status").asText()).as(path + " at " + max).isEqualTo("ACCEPTED");
        accepted.add(receipt.path("submissionId").asText());

        JsonNode over = send(json(path, text(path, max + 1)));
        assertThat(over.path("status").asText()).isEqualTo("REJECTED");
        assertThat(errors(over)).contains("SCHEMA_VIOLATION " + path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("freeTextPaths")
    @Order(2)
    void refusesAControlCharacterInEachJsonFreeTextField(String path) throws Exception {
        // Written as JSON escapes, the way a sender's serializer would put them on the wire.
        for (String escape : List.of("\\u0001", "\\u001b", "\\uffff", "\\ufdd0", "\\ud800", "\\udc00")) {
            JsonNode receipt = send(json(path, "a-BAD-b").replace("-BAD-", escape));
            assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
            assertThat(errors(receipt)).as(path).containsExactly("INVALID_CHARACTER " + path);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("freeTextPaths")
    @Order(3)
    void refusesAControlCharacterOrNonCharacterInEachXmlFreeTextField(String path) throws Exception {
        for (String bad : List.of("a&#1;b", "a&#x1b;b", "a&#xFFFF;b")) {
            JsonNode receipt = send(xml(path, bad));
            assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
            assertThat(errors(receipt)).as(path + " " + bad).hasSize(1).allMatch(e -> e.startsWith("INVALID_CHARACTER"));
        }
        for (String bad : List.of("a&#xFDD0;b", "a\uFDEFb", "a&#x1FFFF;b")) {
            JsonNode receipt = send(xml(path, bad));
            assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
            assertThat(errors(receipt)).as(path + " " + bad).containsExactly("INVALID_CHARACTER " + xmlPath(path));
        }
        JsonNode fine = send(xml(path, "Строка\tс табуляцией\r\nи переводом строки \uD835\uDD38"));
        assertThat(fine.path("status").asText()).as(errors(fine).toString()).isEqualTo("ACCEPTED");
        accepted.add(fine.path("submissionId").asText());
    }

    @Test
    @Order(4)
    void nothingButTheAcceptedReportsReachedTheFeedAndTheHubIsHealthy() throws Exception {
        assertThat(accepted).hasSize((int) limitedPaths().count() + (int) freeTextPaths().count());
        HubInvariants.feedHoldsExactly(hub, accepted);
        HubInvariants.deadLettersEmptyAndHealthy(hub);
    }

    private static JsonNode send(String doc) throws Exception {
        String id = astana.sendBytes(doc.getBytes(StandardCharsets.UTF_8), Map.of());
        return Receipts.receipt(astana, "receipts.AKIMAT-ASTANA", id, WAIT);
    }

    private static List<String> errors(JsonNode receipt) {
        List<String> errors = new ArrayList<>();
        receipt.path("errors").forEach(e -> errors.add(e.path("code").asText() + " " + e.path("path").asText()));
        return errors;
    }

    /** Exactly {@code length} characters the field's pattern accepts (Cyrillic with one outside the BMP). */
    private static String text(String path, int length) {
        return SchemaStringLimits.valueOfLength(path, length);
    }

    /** Every string field of the report, by JSON Pointer, with a plain valid value. */
    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("/contact/name", "Касымова Айгерим");
        f.put("/contact/position", "Главный специалист");
        f.put("/contact/email", "trud@astana.example");
        f.put("/items/0/narrativeRu", "Проведены проверки на 120 предприятиях.");
        f.put("/items/0/narrativeKk", "120 кәсіпорында тексеру жүргізілді.");
        f.put("/items/0/completionDocument/type", "приказ");
        f.put("/items/0/completionDocument/number", "17");
        f.put("/items/0/completionDocument/title", "Приказ об итогах проверок");
        f.put("/items/0/indicators/0/name", "Проверенные предприятия");
        f.put("/items/0/indicators/0/unit", "ед.");
        f.put("/items/0/expenses/source", "местный бюджет");
        f.put("/items/0/attachments/0/name", "prikaz.pdf");
        f.put("/items/0/attachments/0/mediaType", "application/pdf");
        return f;
    }

    private static String json(String path, String value) throws Exception {
        Map<String, String> f = fields();
        assertThat(f).as("the test's document has the schema's field " + path).containsKey(path);
        f.put(path, value);
        ObjectNode doc = (ObjectNode) JSON.readTree("""
                {"schema": "urn:kz:gov:safework:progress-report:v1", "reportId": "%s", "agency": "AKIMAT-ASTANA",
                 "plan": "safe-labor-2021-2025", "year": 2023, "contact": {"phone": "+7 (7172) 55-62-14"},
                 "items": [{"item": "14", "status": "IN_PROGRESS", "completionDocument": {"date": "2023-01-21"},
                            "indicators": [{"value": 18}], "expenses": {"planned": 1.0, "actual": 1.0},
                            "attachments": [{"sha256": "5a66d854d56145ba502857e0d63c247632516582d93921a4fc63f54590c459b2",
                                             "size": 1}]}]}
                """.formatted(Reports.newId()));
        f.forEach((pointer, v) -> {
            int slash = pointer.lastIndexOf('/');
            ((ObjectNode) doc.at(pointer.substring(0, slash))).put(pointer.substring(slash + 1), v);
        });
        return JSON.writeValueAsString(doc);
    }

    private static String xml(String path, String rawValue) {
        Map<String, String> f = new LinkedHashMap<>();
        fields().forEach((k, v) -> f.put(k, escape(v)));
        assertThat(f).containsKey(path);
        f.put(path, rawValue);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <progressReport xmlns="urn:kz:gov:safework:progress-report:v1">
                  <reportId>%s</reportId><agency>AKIMAT-ASTANA</agency><plan>safe-labor-2021-2025</plan><year>2023</year>
                  <contact><name>%s</name><position>%s</position><email>%s</email></contact>
                  <items><item><number>14</number><status>IN_PROGRESS</status>
                    <narrativeRu>%s</narrativeRu><narrativeKk>%s</narrativeKk>
                    <completionDocument><type>%s</type><number>%s</number><date>2023-01-21</date><title>%s</title></completionDocument>
                    <indicators><indicator><name>%s</name><unit>%s</unit><value>18</value></indicator></indicators>
                    <expenses><planned>1.0</planned><actual>1.0</actual><source>%s</source></expenses>
                    <attachments><attachment><name>%s</name><mediaType>%s</mediaType>
                      <sha256>5a66d854d56145ba502857e0d63c247632516582d93921a4fc63f54590c459b2</sha256><size>1</size></attachment></attachments>
                  </item></items>
                </progressReport>
                """.formatted(Reports.newId(), f.get("/contact/name"), f.get("/contact/position"), f.get("/contact/email"),
                f.get("/items/0/narrativeRu"), f.get("/items/0/narrativeKk"), f.get("/items/0/completionDocument/type"),
                f.get("/items/0/completionDocument/number"), f.get("/items/0/completionDocument/title"),
                f.get("/items/0/indicators/0/name"), f.get("/items/0/indicators/0/unit"), f.get("/items/0/expenses/source"),
                f.get("/items/0/attachments/0/name"), f.get("/items/0/attachments/0/mediaType"));
    }

    /** The XML path of a JSON Pointer of this document: /items/0/x → /progressReport/items/item[1]/x. */
    private static String xmlPath(String pointer) {
        return "/progressReport" + pointer.replace("/items/0", "/items/item[1]")
                .replace("/indicators/0", "/indicators/indicator[1]").replace("/attachments/0", "/attachments/attachment[1]");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
