package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

/**
 * The consolidated report as the Government reads it: checked against its published schemas (XSD and JSON Schema),
 * and its items found by number.
 */
final class ConsolidatedSchemas {
    private ConsolidatedSchemas() {
    }

    /** Fails unless the XML is valid against consolidated-report-v1.xsd. */
    static void validXml(byte[] xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        try (InputStream xsd = ConsolidatedSchemas.class.getResourceAsStream(
                "/schemas/consolidated/consolidated-report-v1.xsd")) {
            factory.newSchema(new StreamSource(xsd)).newValidator()
                    .validate(new StreamSource(new ByteArrayInputStream(xml)));
        }
    }

    /** Fails unless the JSON is valid against consolidated-report-v1.schema.json. */
    static void validJson(JsonNode report) throws Exception {
        try (InputStream in = ConsolidatedSchemas.class.getResourceAsStream(
                "/schemas/consolidated/consolidated-report-v1.schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);
            assertThat(schema.validate(report)).isEmpty();
        }
    }

    /** The item with the plan number {@code number} in the JSON report's sections; fails if there is none. */
    static JsonNode item(JsonNode report, String number) {
        for (JsonNode section : report.path("sections")) {
            for (JsonNode item : section.path("items")) {
                if (item.path("number").asText().equals(number)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no item " + number);
    }
}
