package kz.gov.safework.observe;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.Optional;

/**
 * A W3C {@code traceparent} value from outside, checked strictly before anything trusts it: exactly
 * {@code 00-<32 hex>-<16 hex>-<2 hex>}, lower-case hex only, trace id and parent id not all zeros (W3C Trace
 * Context, level 1). Anything else (another version, upper case, extra fields, spaces, a long value) is not a
 * trace parent, and the document starts a trace of its own.
 */
public final class TraceParent {
    /** The header, message property and mail header name (W3C Trace Context). */
    public static final String HEADER = "traceparent";
    private static final int LENGTH = 55;

    private TraceParent() {
    }

    /** The remote span context the value names, or empty when the value is not exactly a valid traceparent. */
    public static Optional<SpanContext> parse(Object value) {
        if (!(value instanceof String text) || !isValid(text)) {
            return Optional.empty();
        }
        return Optional.of(SpanContext.createFromRemoteParent(text.substring(3, 35), text.substring(36, 52),
                TraceFlags.fromHex(text, 53), TraceState.getDefault()));
    }

    static boolean isValid(String text) {
        return text.length() == LENGTH
                && text.startsWith("00-") && text.charAt(35) == '-' && text.charAt(52) == '-'
                && isLowerHex(text, 3, 35) && isLowerHex(text, 36, 52) && isLowerHex(text, 53, LENGTH)
                && !isZeros(text, 3, 35) && !isZeros(text, 36, 52);
    }

    private static boolean isLowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeros(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
