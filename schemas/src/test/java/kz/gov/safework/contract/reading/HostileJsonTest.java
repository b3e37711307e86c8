package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.api.Test;

/** JSON that tries to exhaust the parser, hide bad bytes, or slip past the schema. */
class HostileJsonTest {

    private static ReadResult read(String text) {
        return Examples.read(Documents.utf8(text));
    }

    private static void assertOnly(ReadResult result, ErrorCode code) {
        assertThat(result.report()).isNull();
        assertThat(result.errors()).isNotEmpty().extracting(ValidationError::code).containsOnly(code);
    }

    @Test
    void refusesArraysNested100000Deep() {
        int depth = 100_000;
        String document = "{\"items\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertOnly(read(document), ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void refusesObjectsNested100000Deep() {
        int depth = 100_000;
        String document = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

        assertOnly(read(document), ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void refusesAStringLongerThanTheLimit() {
        String narrative = "ж".repeat(ReaderLimits.JSON_MAX_STRING_LENGTH + 1);

        assertOnly(read(Documents.json(Documents.jsonItem("14", "IN_PROGRESS", narrative))),
                ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void refusesAMemberNameLongerThanTheLimit() {
        String name = "n".repeat(ReaderLimits.JSON_MAX_NAME_LENGTH + 1);

        assertOnly(read(Documents.validJson().replace("\"plan\"", "\"" + name + "\"")), ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void refusesANumberLongerThanTheLimit() {
        String number = "9".repeat(ReaderLimits.JSON_MAX_NUMBER_LENGTH + 1);

        assertOnly(read(Documents.validJson().replace("\"year\":2022", "\"year\":" + number)),
                ErrorCode.JSON_LIMIT_EXCEEDED);
    }

    @Test
    void refusesAnEncodedSurrogate() {
        byte[] bytes = Documents.utf8(Documents.validJson().replace("Повышение", "@@"));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("@@");
        bytes[at] = (byte) 0xED; // ED A0: the start of a UTF-16 surrogate written as UTF-8 (CESU-8), not UTF-8
        bytes[at + 1] = (byte) 0xA0;

        assertOnly(Examples.read(bytes), ErrorCode.ENCODING_INVALID);
    }

    @Test
    void refusesTrailingContent() {
        assertOnly(read(Documents.validJson() + " {}"), ErrorCode.MALFORMED_JSON);
    }

    @Test
    void refusesNotANumber() {
        assertOnly(read(Documents.validJson().replace("\"year\":2022", "\"year\":NaN")), ErrorCode.MALFORMED_JSON);
    }

    @Test
    void readsUtf8WithByteOrderMark() {
        ReadResult result = read("\uFEFF" + Documents.validJson());

        assertThat(result.errors()).isEmpty();
        assertThat(result.format()).isEqualTo(DocumentFormat.JSON);
    }

    @Test
    void malformedDocumentStillNamesWhatItCouldRead() {
        ReadResult result = read(Documents.validJson().substring(0, Documents.validJson().indexOf("\"items\"") + 12));

        assertOnly(result, ErrorCode.MALFORMED_JSON);
        assertThat(result.reportId()).isEqualTo(Documents.REPORT_ID);
        assertThat(result.agency()).isEqualTo("AKIMAT-ASTANA");
        assertThat(result.year()).isEqualTo(2022);
    }

    @Test
    void listsEverySchemaErrorWithItsJsonPointer() {
        ReadResult result = Examples.read(Examples.INVALID.resolve("SCHEMA_VIOLATION--many-errors.json"));

        assertThat(result.errors()).extracting(ValidationError::path).containsExactlyInAnyOrder(
                "/reportId", "/year", "/items/0/item", "/items/0/status", "/items/1/completionDocument/date");
        assertThat(result.agency()).isEqualTo("AKIMAT-ASTANA");
        assertThat(result.reportId()).as("echoed as given, it is what the sender will look for").isEqualTo("report-2022-1");
        ValidationError status = result.errors().stream().filter(e -> e.path().equals("/items/0/status")).findFirst()
                .orElseThrow();
        assertThat(status.message()).startsWith("Документ не соответствует схеме: ").contains("перечислени");
        assertThat(status.messageEn()).startsWith("The document does not match its schema: ").contains("enumeration");
    }

    @Test
    void missingMemberIsPointedAtWhereItShouldBe() {
        ReadResult result = read(Documents.validJson().replace("\"schema\":\"" + Documents.NS + "\",", ""));

        assertThat(result.errors()).extracting(ValidationError::path).containsExactly("/schema");
    }

    @Test
    void errorsBeyondTheLimitAreSummarisedNotListed() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            items.append(i == 0 ? "" : ",").append("{\"item\":\"x\",\"status\":\"DONE\",\"narrativeRu\":\"\",\"extra\":1}");
        }

        ReadResult result = read(Documents.json(items.toString()));

        assertThat(result.errors()).hasSize(ReaderLimits.MAX_ERRORS + 1);
        assertThat(result.errors().get(ReaderLimits.MAX_ERRORS).messageEn()).contains("more errors not listed");
    }

    @Test
    void amountsKeepTheDigitsTheSenderWrote() {
        String item = "{\"item\":\"14\",\"status\":\"IN_PROGRESS\",\"narrativeRu\":\"Текст\","
                + "\"expenses\":{\"planned\":4500.00,\"actual\":4380.50,\"source\":\"местный бюджет\"}}";

        ReadResult result = read(Documents.json(item));

        assertThat(result.report().items().get(0).expenses().actual()).isEqualTo(new BigDecimal("4380.50"));
        assertThat(result.report().items().get(0).expenses().planned()).isEqualTo(new BigDecimal("4500.00"));
    }

    @Test
    void jsonAndXmlOfTheSameReportAreEqual() {
        assertThat(read(Documents.validJson()).report()).isEqualTo(
                Examples.read(Documents.utf8(Documents.validXml())).report());
    }

    @Test
    void uppercaseReportIdIsKeptInLowerCase() {
        ReadResult result = read(Documents.validJson().replace(Documents.REPORT_ID, Documents.REPORT_ID.toUpperCase()));

        assertThat(result.report().reportId()).isEqualTo(Documents.REPORT_ID);
        assertThat(result.reportId()).isEqualTo(Documents.REPORT_ID);
    }
}
