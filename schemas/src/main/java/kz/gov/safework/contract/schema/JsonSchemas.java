package kz.gov.safework.contract.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.i18n.MessageSource;
import com.networknt.schema.i18n.ResourceBundleMessageSource;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * The contract's JSON Schemas (2020-12), compiled once and shared; validation returns every error as a
 * {@link ValidationError} (code SCHEMA_VIOLATION, JSON Pointer path, Russian and English text).
 *
 * <pre>{@code
 * List<ValidationError> errors = JsonSchemas.validate(JsonSchemas.RECEIPT_V1, receiptJson);
 * }</pre>
 *
 * A schema is named either by one of the constants below or by its path under
 * {@code classpath:schemas/} (e.g. {@code "consolidated/consolidated-report-v1.schema.json"}).
 * Schemas are only ever loaded from the classpath, never from the network. Thread-safe.
 */
public final class JsonSchemas {
    public static final String PROGRESS_REPORT_V1 = "progress-report-v1";
    public static final String RECEIPT_V1 = "receipt-v1";
    public static final String FEED_V1 = "feed-v1";

    private static final Map<String, String> PATHS = Map.of(
            PROGRESS_REPORT_V1, "report/progress-report-v1.schema.json",
            RECEIPT_V1, "receipt/receipt-v1.schema.json",
            FEED_V1, "feed/feed-v1.schema.json");

    /** Keywords whose errors name a member of the object at the instance location. */
    private static final Set<String> MEMBER_KEYWORDS =
            Set.of("required", "additionalProperties", "unevaluatedProperties", "dependentRequired");

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    private static final MessageSource MESSAGES = new ResourceBundleMessageSource("jsv-messages");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .formatAssertionsEnabled(true)
                            .locale(Locale.ENGLISH)
                            .build())
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(
                            ContractSchemas.JSON_SCHEMA_ID_BASE,
                            "classpath:" + ContractSchemas.JSON_SCHEMA_CLASSPATH_BASE)));

    /** For JSON the hub produces itself: numbers kept exact, nothing else special. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    /** Every error of {@code json} against the named schema; empty when valid. */
    public static List<ValidationError> validate(String schemaName, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(SchemaErrors.of(ErrorCode.MALFORMED_JSON, "", e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode()) {
            return List.of(ValidationError.of(ErrorCode.EMPTY_DOCUMENT, ""));
        }
        return validate(schemaName, node);
    }

    /** Every error of {@code node} against the named schema; empty when valid. */
    public static List<ValidationError> validate(String schemaName, JsonNode node) {
        List<Error> errors = schema(schemaName).validate(node);
        List<ValidationError> result = new ArrayList<>(errors.size());
        for (Error error : errors) {
            result.add(toValidationError(error));
        }
        return result;
    }

    /** The compiled schema, loaded on first use. Throws IllegalArgumentException for an unknown name. */
    public static Schema schema(String schemaName) {
        return COMPILED.computeIfAbsent(schemaName, JsonSchemas::compile);
    }

    private static Schema compile(String schemaName) {
        String path = PATHS.getOrDefault(schemaName, schemaName.contains("/") ? schemaName : null);
        if (path == null || path.contains("..") || path.startsWith("/")) {
            throw new IllegalArgumentException("unknown schema " + schemaName + "; known: " + PATHS.keySet());
        }
        if (JsonSchemas.class.getClassLoader().getResource(ContractSchemas.JSON_SCHEMA_CLASSPATH_BASE + path) == null) {
            throw new IllegalArgumentException("no schema on the classpath at "
                    + ContractSchemas.JSON_SCHEMA_CLASSPATH_BASE + path);
        }
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(ContractSchemas.JSON_SCHEMA_ID_BASE + path));
        schema.initializeValidators(); // resolve every $ref now, not on the first document
        return schema;
    }

    static ValidationError toValidationError(Error error) {
        String path = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        if (MEMBER_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null) {
            // point at the missing or unexpected member itself, not at the object holding it
            path = path + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        String english = error.getMessage();
        String russian = english;
        if (!error.isCustomMessage() && error.getMessageKey() != null) {
            russian = MESSAGES.getMessage(error.getMessageKey(), () -> error.getMessage(), RUSSIAN,
                    error.getArguments() == null ? new Object[0] : error.getArguments());
        }
        return SchemaErrors.violation(path, russian, english);
    }

    private JsonSchemas() {
    }
}
