package kz.gov.safework.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report schema's string limits as the tests that fill every limited field read them: JSON Pointer of every
 * string with a {@code maxLength} (array items as {@code /0}) → that limit. One walk for the store's test and the
 * packaged hub's, so both cover the same fields.
 */
public final class SchemaStringLimits {
    public static final String REPORT_SCHEMA = "/schemas/report/progress-report-v1.schema.json";

    private SchemaStringLimits() {
    }

    /** The limits of the progress-report schema on the class path. */
    public static Map<String, Integer> ofReportSchema() throws IOException {
        JsonNode schema;
        try (InputStream in = SchemaStringLimits.class.getResourceAsStream(REPORT_SCHEMA)) {
            schema = new ObjectMapper().readTree(in);
        }
        Map<String, Integer> limits = new TreeMap<>();
        walk(schema, schema, "", limits);
        return limits;
    }

    /**
     * Exactly {@code length} code points that the field at {@code path} accepts: an e-mail address or media type
     * where the schema wants one, else Cyrillic text with one character outside the BMP (counted as one, stored
     * as two UTF-16 units).
     */
    public static String valueOfLength(String path, int length) {
        if (path.endsWith("/email")) {
            return "a".repeat(length - "@astana.kz".length()) + "@astana.kz";
        }
        if (path.endsWith("/mediaType")) {
            return "application/" + "x".repeat(length - "application/".length());
        }
        return "\uD835\uDD38" + "Ж".repeat(length - 1);
    }

    private static void walk(JsonNode root, JsonNode node, String path, Map<String, Integer> limits) {
        while (node.has("$ref")) {
            node = root.at(node.get("$ref").asText().substring(1));
        }
        if (node.has("properties")) {
            node.get("properties").fields().forEachRemaining(p -> walk(root, p.getValue(), path + "/" + p.getKey(), limits));
        }
        if (node.has("items")) {
            walk(root, node.get("items"), path + "/0", limits);
        }
        if (node.has("maxLength")) {
            limits.put(path, node.get("maxLength").asInt());
        }
    }
}
