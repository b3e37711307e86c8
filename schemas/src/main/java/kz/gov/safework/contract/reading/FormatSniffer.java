package kz.gov.safework.contract.reading;

/**
 * Tells XML from JSON by the first character that is not white space, after a byte order mark
 * (UTF-8, UTF-16), never by file name or declared content type.
 */
final class FormatSniffer {

    enum Kind {
        EMPTY, XML, JSON, UNSUPPORTED
    }

    static Kind sniff(byte[] bytes, int length) {
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return firstSignificant(bytes, 3, length, 1, false);
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return firstSignificant(bytes, 2, length, 2, true);
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return firstSignificant(bytes, 2, length, 2, false);
        }
        if (length >= 2 && bytes[0] == 0 && bytes[1] == '<') {
            return Kind.XML; // UTF-16BE without byte order mark
        }
        if (length >= 2 && bytes[0] == '<' && bytes[1] == 0) {
            return Kind.XML; // UTF-16LE without byte order mark
        }
        return firstSignificant(bytes, 0, length, 1, false);
    }

    /** Scans code units of {@code width} bytes (1 or 2; big-endian if {@code bigEndian}). */
    private static Kind firstSignificant(byte[] bytes, int from, int length, int width, boolean bigEndian) {
        for (int i = from; i + width <= length; i += width) {
            int unit;
            if (width == 1) {
                unit = bytes[i] & 0xFF;
            } else {
                int hi = bigEndian ? bytes[i] & 0xFF : bytes[i + 1] & 0xFF;
                int lo = bigEndian ? bytes[i + 1] & 0xFF : bytes[i] & 0xFF;
                unit = hi << 8 | lo;
            }
            switch (unit) {
                case ' ', '\t', '\r', '\n':
                    continue;
                case '<':
                    return Kind.XML;
                case '{':
                    return Kind.JSON;
                default:
                    return Kind.UNSUPPORTED;
            }
        }
        return Kind.EMPTY;
    }

    private FormatSniffer() {
    }
}
