package kz.gov.safework.contract.reading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Jackson set up for untrusted JSON: explicit stream limits ({@link ReaderLimits}), duplicate member names
 * refused (which "agency" would count?), nothing after the document, numbers kept exact as BigDecimal.
 * Use it for every JSON the hub reads from outside.
 */
public final class SafeJson {
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(ReaderLimits.JSON_MAX_NESTING_DEPTH)
            .maxStringLength(ReaderLimits.JSON_MAX_STRING_LENGTH)
            .maxNameLength(ReaderLimits.JSON_MAX_NAME_LENGTH)
            .maxNumberLength(ReaderLimits.JSON_MAX_NUMBER_LENGTH)
            .maxTokenCount(ReaderLimits.JSON_MAX_TOKEN_COUNT)
            .maxDocumentLength(ReaderLimits.JSON_MAX_DOCUMENT_LENGTH)
            .build();

    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(LIMITS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build()
            .reader();

    /** An immutable, thread-safe reader with the limits above. */
    public static ObjectReader reader() {
        return READER;
    }

    /** The limits every parser of {@link #reader()} applies. */
    public static StreamReadConstraints limits() {
        return LIMITS;
    }

    private SafeJson() {
    }
}
