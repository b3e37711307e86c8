package kz.gov.safework.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.report.ItemStatus;
import org.junit.jupiter.api.Test;

/** The XSD and the JSON Schema of progress report v1 state the same rules. */
class SchemaEquivalenceTest {
    private static final Path DIR = Path.of("src", "main", "resources", "schemas", "report");

    private static String xsd() throws IOException {
        return Files.readString(DIR.resolve("progress-report-v1.xsd"));
    }

    private static JsonNode json() throws IOException {
        return Json.mapper().readTree(DIR.resolve("progress-report-v1.schema.json").toFile());
    }

    /** The body of one named xs:simpleType. */
    private static String simpleType(String xsd, String name) {
        Matcher m = Pattern.compile("<xs:simpleType name=\"" + name + "\">(.*?)</xs:simpleType>", Pattern.DOTALL)
                .matcher(xsd);
        assertThat(m.find()).as("simple type " + name).isTrue();
        return m.group(1);
    }

    private static List<String> facets(String body, String facet) {
        Matcher m = Pattern.compile("<xs:" + facet + " value=\"([^\"]*)\"/>").matcher(body);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** An ECMA pattern anchored at both ends, as XSD patterns implicitly are. */
    private static String unanchored(String jsonPattern) {
        assertThat(jsonPattern).startsWith("^").endsWith("$");
        return jsonPattern.substring(1, jsonPattern.length() - 1).replace("-]", "\\-]");
    }

    @Test
    void statusValuesAreTheModelsAndTheSameInBoth() throws IOException {
        String[] model = Stream.of(ItemStatus.values()).map(Enum::name).toArray(String[]::new);

        assertThat(facets(simpleType(xsd(), "ItemStatus"), "enumeration")).containsExactly(model);
        assertThat(json().at("/$defs/itemEntry/properties/status/enum")).extracting(JsonNode::asText)
                .containsExactly(model);
    }

    @Test
    void identifierPatternsAreTheSameInBoth() throws IOException {
        String xsd = xsd();
        JsonNode json = json();

        assertThat(facets(simpleType(xsd, "Uuid"), "pattern"))
                .containsExactly(unanchored(json.at("/$defs/uuid/pattern").asText()));
        assertThat(facets(simpleType(xsd, "AgencyCode"), "pattern"))
                .containsExactly(unanchored(json.at("/$defs/report/properties/agency/pattern").asText()));
        assertThat(facets(simpleType(xsd, "PlanId"), "pattern"))
                .containsExactly(unanchored(json.at("/$defs/report/properties/plan/pattern").asText()));
        assertThat(facets(simpleType(xsd, "ItemNumber"), "pattern"))
                .containsExactly(unanchored(json.at("/$defs/itemEntry/properties/item/pattern").asText()));
        assertThat(facets(simpleType(xsd, "Sha256"), "pattern"))
                .containsExactly(unanchored(json.at("/$defs/attachmentRef/properties/sha256/pattern").asText()));
    }

    @Test
    void boundsAreTheSameInBoth() throws IOException {
        String xsd = xsd();
        JsonNode json = json();

        assertThat(facets(simpleType(xsd, "Year"), "minInclusive"))
                .containsExactly(json.at("/$defs/report/properties/year/minimum").asText());
        assertThat(facets(simpleType(xsd, "Year"), "maxInclusive"))
                .containsExactly(json.at("/$defs/report/properties/year/maximum").asText());
        assertThat(facets(simpleType(xsd, "Narrative"), "maxLength"))
                .containsExactly(json.at("/$defs/narrative/maxLength").asText());
        assertThat(facets(simpleType(xsd, "Name"), "maxLength"))
                .containsExactly(json.at("/$defs/name/maxLength").asText());
        assertThat(facets(simpleType(xsd, "Title"), "maxLength"))
                .containsExactly(json.at("/$defs/title/maxLength").asText());
        assertThat(xsd).contains("name=\"item\" type=\"pr:ItemEntry\" maxOccurs=\""
                + json.at("/$defs/report/properties/items/maxItems").asText() + "\"");
        assertThat(xsd).contains("maxOccurs=\"" + json.at("/$defs/itemEntry/properties/attachments/maxItems").asText()
                + "\"");
        assertThat(facets(simpleType(xsd, "Size"), "maxInclusive"))
                .containsExactly(json.at("/$defs/attachmentRef/properties/size/maximum").asText());
    }
}
