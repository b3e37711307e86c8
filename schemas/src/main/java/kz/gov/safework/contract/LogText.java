package kz.gov.safework.contract;

/**
 * Text from outside (file names, logins, zip entry names, mail headers, reply-to names) made safe for a
 * log line: CR, LF and every other control character become visible escapes ({@code \r}, {@code \n},
 * {@code \u0085}), so no one can forge a log line or hide part of one; very long values are cut, with the
 * original length said. Use it for every value a sender chose, wherever it is logged.
 */
public final class LogText {
    /** Characters of a value kept in a log line. */
    public static final int MAX_LENGTH = 256;

    private LogText() {
    }

    /** {@link #of} in single quotes, so an empty or space-padded value shows as such. */
    public static String quote(Object value) {
        return value == null ? "null" : "'" + of(value) + "'";
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LENGTH) + 16);
        int n = Math.min(s.length(), MAX_LENGTH);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    // FORMAT: bidirectional overrides and the like, which could make a line read otherwise than it is
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (s.length() > n) {
            out.append("…(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
