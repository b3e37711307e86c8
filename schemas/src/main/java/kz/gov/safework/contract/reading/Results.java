package kz.gov.safework.contract.reading;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import kz.gov.safework.contract.validation.ValidationError;

/** Building {@link ReadResult}s, and the identifiers echoed from documents that failed. */
final class Results {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

    static ReadResult failed(DocumentFormat format, ValidationError error) {
        return new ReadResult(format, null, List.of(error), null, null, null);
    }

    /** The reportId as the document gave it (a UUID in lower case), or null when it is no usable echo. */
    static String echoedReportId(String raw) {
        String value = echoed(raw);
        return value != null && UUID.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : value;
    }

    static String echoedAgency(String raw) {
        return echoed(raw);
    }

    static Integer echoedYear(String raw) {
        String value = echoed(raw);
        return value != null && YEAR.matcher(value).matches() ? Integer.valueOf(value) : null;
    }

    /** White space trimmed; null when empty, too long to echo, or holding control characters. */
    private static String echoed(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty() || value.length() > ReaderLimits.MAX_ECHOED_ID_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return value;
    }

    private Results() {
    }
}
