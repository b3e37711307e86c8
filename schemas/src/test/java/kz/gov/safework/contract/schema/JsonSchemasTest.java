package kz.gov.safework.contract.schema;

import static kz.gov.safework.testing.JsonNodes.fieldNames;
import static kz.gov.safework.testing.JsonNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import kz.gov.safework.contract.report.FeedMessage;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.signature.Signer;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The receipt and feed schemas accept what the hub's records serialize to, and refuse what they must not. */
class JsonSchemasTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Instant RECEIVED = Instant.parse("2023-01-09T06:15:30.123456Z");

    static Stream<Path> validExamples() throws IOException {
        return Files.list(Path.of("examples", "valid")).sorted();
    }

    private static ReadResult read(Path file) {
        try {
            return DocumentReader.progressReports().read(new ByteArrayInputStream(Files.readAllBytes(file)), 1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(value);
    }

    private static ObjectNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    // ---- receipts ----

    @Test
    void receiptSchemaAcceptsAnAcceptedReceipt() throws JsonProcessingException {
        ProgressReport report = read(Path.of("examples", "valid", "03-mz-2022.xml")).report();
        Receipt receipt = new Receipt("jms-ID:42-1-1-1", report.reportId(), report.agency(), report.period(),
                ReceiptStatus.ACCEPTED, false, List.of(), List.of(), RECEIVED, SHA, Channel.JMS.id(),
                null, null, RECEIVED.plusSeconds(1));

        assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, json(receipt))).isEmpty();
    }

    @Test
    void receiptSchemaAcceptsARejectionListingEveryError() throws JsonProcessingException {
        ReadResult result = read(Path.of("examples", "invalid", "SCHEMA_VIOLATION--many-errors.json"));
        Receipt receipt = new Receipt("sftp-7d1c", result.reportId(), result.agency(),
                result.year() == null ? null : result.year().toString(), ReceiptStatus.REJECTED, true,
                result.errors(), List.of(ValidationError.of(ErrorCode.FINANCING_NOT_PLANNED, "/items/0/expenses")),
                RECEIVED, SHA, Channel.SFTP_REMOTE.id(), "otchet-2022.json", null, null);

        assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, json(receipt))).isEmpty();
    }

    @Test
    void receiptSchemaRefusesABrokenReceipt() throws JsonProcessingException {
        ObjectNode receipt = tree(new Receipt("mail-1", null, null, null, ReceiptStatus.DUPLICATE, false, List.of(),
                List.of(), RECEIVED, SHA, Channel.MAIL.id(), null, "mail-0", null));
        receipt.remove("status");
        receipt.put("channel", "fax");
        receipt.put("sha256", SHA.toUpperCase());
        receipt.withArray("errors").addObject().put("code", "SCHEMA_VIOLATION");

        List<ValidationError> errors = JsonSchemas.validate(JsonSchemas.RECEIPT_V1, receipt);

        assertThat(errors).extracting(ValidationError::path).containsExactlyInAnyOrder(
                "/status", "/channel", "/sha256", "/errors/0/path", "/errors/0/message", "/errors/0/messageEn");
        assertThat(errors).extracting(ValidationError::code).containsOnly(ErrorCode.SCHEMA_VIOLATION);
    }

    @Test
    void receiptChannelsAreTheChannelIds() throws IOException {
        JsonNode schema = schemaFile("receipt/receipt-v1.schema.json");

        assertThat(schema.at("/properties/channel/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(Stream.of(Channel.values()).map(Channel::id).toArray(String[]::new));
        assertThat(schema.at("/properties/status/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(Stream.of(ReceiptStatus.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void everyErrorCodeFitsTheReceiptsCodePattern() {
        for (ErrorCode code : ErrorCode.values()) {
            ObjectNode receipt = tree(new Receipt("x", null, null, null, ReceiptStatus.REJECTED, false,
                    List.of(ValidationError.of(code, "")), List.of(), RECEIVED, SHA, "jms", null, null, null));

            assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, receipt)).as(code.name()).isEmpty();
        }
    }

    @Test
    void receiptSchemaAcceptsTheSignerOfASignedDocument() {
        Signer signer = new Signer("MZ", "CN=MZ signer,O=Ministry of Health", "18c2f0a1", RECEIVED.plusSeconds(1));
        ObjectNode receipt = tree(new Receipt("x", "r-1", "MZ", "2024", ReceiptStatus.ACCEPTED, false, List.of(),
                List.of(), RECEIVED, SHA, "jms", null, null, RECEIVED.plusSeconds(2), signer));

        assertThat(receipt.at("/signer/serial").asText()).isEqualTo("18c2f0a1");
        assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, receipt)).isEmpty();
        receipt.withObject("/signer").put("serial", "not hex");
        assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, receipt)).isNotEmpty();
    }

    // ---- feed ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void feedSchemaAcceptsAFeedMessageCarryingTheReport(Path example) throws JsonProcessingException {
        ProgressReport report = read(example).report();
        FeedMessage message = new FeedMessage(FeedMessage.SCHEMA_ID, "jms-ID:42-1-1-1", Channel.JMS.id(), RECEIVED,
                RECEIVED.plusSeconds(2), false, SHA, report.correctionOf() == null ? null : "jms-ID:41-1-1-1", report);

        assertThat(JsonSchemas.validate(JsonSchemas.FEED_V1, json(message))).isEmpty();
    }

    @Test
    void feedSchemaRefusesAMessageWhoseReportIsBroken() {
        ProgressReport report = read(Path.of("examples", "valid", "04-mtszn-2022.json")).report();
        ObjectNode message = tree(new FeedMessage(FeedMessage.SCHEMA_ID, "s-1", Channel.HTTP.id(), RECEIVED, RECEIVED,
                false, SHA, null, report));
        ObjectNode inner = (ObjectNode) message.get("report");
        inner.remove("items");
        inner.put("schema", ContractSchemas.PROGRESS_REPORT_V1);
        message.put("schema", "urn:kz:gov:safework:feed:v2");

        List<ValidationError> errors = JsonSchemas.validate(JsonSchemas.FEED_V1, message);

        assertThat(errors).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/schema", "/report/items", "/report/schema");
    }

    // ---- progress report ----

    @Test
    void progressReportSchemaAcceptsTheJsonExamples() throws IOException {
        for (String name : List.of("01-akimat-astana-2022.json", "04-mtszn-2022.json")) {
            String json = Files.readString(Path.of("examples", "valid", name));

            assertThat(JsonSchemas.validate(JsonSchemas.PROGRESS_REPORT_V1, json)).as(name).isEmpty();
        }
    }

    @Test
    void topLevelAndTheFeedsReportDefinitionListTheSameMembers() throws IOException {
        JsonNode schema = schemaFile("report/progress-report-v1.schema.json");
        List<String> top = fieldNames(schema.get("properties"));
        List<String> report = fieldNames(schema.at("/$defs/report/properties"));

        assertThat(top).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("schema"), report.stream()).toList());
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("schema"),
                        Stream.of(schema.at("/$defs/report/required")).flatMap(n -> texts(n).stream())).toList());
    }

    @Test
    void malformedJsonIsReportedNotThrown() {
        assertThat(JsonSchemas.validate(JsonSchemas.RECEIPT_V1, "{\"status\":"))
                .extracting(ValidationError::code).containsExactly(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void schemaCanBeNamedByItsClasspathPath() {
        assertThat(JsonSchemas.validate("receipt/receipt-v1.schema.json", "{}")).isNotEmpty();
    }

    @Test
    void unknownSchemaIsRefused() {
        assertThatThrownBy(() -> JsonSchemas.validate("receipt-v9", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonSchemas.validate("../secret/x.schema.json", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode schemaFile(String path) throws IOException {
        return Json.mapper().readTree(Path.of("src", "main", "resources", "schemas").resolve(path).toFile());
    }
}
