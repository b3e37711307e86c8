package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Text with characters no report may carry is refused with INVALID_CHARACTER and the field's path. */
class InvalidCharacterTest {
    private static final Path JSON = Examples.VALID.resolve("01-akimat-astana-2022.json");
    private static final Path XML = Examples.VALID.resolve("03-mz-2022.xml");
    private static final String JSON_NARRATIVE = "\"narrativeRu\": \"В 2022 году";
    private static final String XML_NARRATIVE = "<narrativeRu>Предложения";

    private static ReadResult read(String doc) throws Exception {
        return DocumentReader.progressReports().read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                Examples.MAX_BYTES);
    }

    private static String json(String inserted) throws Exception {
        String doc = Files.readString(JSON);
        assertThat(doc).contains(JSON_NARRATIVE);
        return doc.replace(JSON_NARRATIVE, JSON_NARRATIVE + inserted);
    }

    private static String xml(String inserted) throws Exception {
        String doc = Files.readString(XML);
        assertThat(doc).contains(XML_NARRATIVE);
        return doc.replace(XML_NARRATIVE, XML_NARRATIVE + inserted);
    }

    /** JSON escapes of: SOH, ESC, DEL-less C0 NUL, U+FFFE, U+FFFF, U+FDD0, U+FDEF, lone high and low surrogates, U+1FFFF. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\\u0001", "\\u001b", "\\u0000", "\\ufffe", "\\uffff", "\\ufdd0", "\\ufdef", "\\ud800",
            "\\udc00", "\\ud83f\\udfff"})
    void refusesAJsonTextWithTheCharacter(String escape) throws Exception {
        ReadResult result = read(json(escape));

        assertThat(result.report()).isNull();
        assertThat(result.errors()).extracting(ValidationError::code, ValidationError::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.INVALID_CHARACTER, "/items/0/narrativeRu"));
        assertThat(result.reportId()).isNotNull();
    }

    @Test
    void refusesAControlCharacterInAJsonMemberName() throws Exception {
        ReadResult result = read(json("\", \"x\\u0001\": \"y"));

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.INVALID_CHARACTER);
        assertThat(result.errors().get(0).path()).isEqualTo("/items/0/x\u0001");
    }

    @Test
    void keepsTabsLineBreaksAndCharactersOutsideTheBmpInJson() throws Exception {
        ReadResult result = read(json("\\t\\r\\n\uD835\uDD38 ok"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.report()).isNotNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"&#1;", "&#x1b;", "&#xFFFE;", "&#xFFFF;", "&#xD800;", "\u0001"})
    void refusesAnXmlCharacterReferenceOrControlCharacterXmlItselfForbids(String text) throws Exception {
        ReadResult result = read(xml(text));

        assertThat(result.report()).isNull();
        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.INVALID_CHARACTER);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"&#xFDD0;", "\uFDEF", "&#x1FFFF;", "&#x10FFFE;"})
    void refusesAnXmlNonCharacterWithThePathOfItsElement(String text) throws Exception {
        ReadResult result = read(xml(text));

        assertThat(result.report()).isNull();
        assertThat(result.errors()).extracting(ValidationError::code, ValidationError::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.INVALID_CHARACTER,
                        "/progressReport/items/item[1]/narrativeRu"));
    }

    @Test
    void keepsTabsLineBreaksAndCharactersOutsideTheBmpInXml() throws Exception {
        ReadResult result = read(xml("&#9;&#10;&#13;\uD835\uDD38 ok"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.report()).isNotNull();
    }
}
