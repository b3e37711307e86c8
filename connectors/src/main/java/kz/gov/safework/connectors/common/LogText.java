package kz.gov.safework.connectors.common;

/** Text from outside (a file's line, a login, a file name) made safe for one log line or a health message. */
public final class LogText {
    /** Longer text is cut: a log line is for a person, not a copy of the input. */
    public static final int MAX_LENGTH = 200;

    /** {@link #escape}d and in single quotes, so an empty or space-padded value is visible as such. */
    public static String quote(String text) {
        return text == null ? "null" : "'" + escape(text) + "'";
    }

    private LogText() {
    }

    /**
     * Control and format characters (line breaks, escape sequences, bidirectional overrides) become
     * {@code \}{@code uXXXX}, so the text can neither forge a log line nor hide what it says; {@code null} stays "null".
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_LENGTH) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
