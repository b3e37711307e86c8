package kz.gov.safework.connectors.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header (RFC 8601): who wrote it ({@code authserv-id}) and what it found,
 * e.g. {@code mx.agency.kz; dkim=pass header.d=agency.kz; spf=fail smtp.mailfrom=x@y}. Comments are dropped,
 * quoted values unquoted, method names, results and property names lower-cased. A header that does not parse
 * is no evidence of anything: {@link #parse} answers empty.
 */
public record AuthenticationResults(String authservId, List<Result> results) {

    /** The name of the header field. */
    public static final String HEADER = "Authentication-Results";

    /** One {@code method=result} with its properties ({@code header.d}, {@code smtp.mailfrom}, ...). */
    public record Result(String method, String result, Map<String, String> properties) {
        public String property(String name) {
            return properties.get(name);
        }
    }

    public AuthenticationResults {
        results = List.copyOf(results);
    }

    public static Optional<AuthenticationResults> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String text = withoutComments(header.replaceAll("\r?\n[ \t]", " ").replaceAll("[\r\n]", " "));
        if (text == null) {
            return Optional.empty();
        }
        List<String> pieces = split(text, ';');
        if (pieces == null || pieces.isEmpty()) {
            return Optional.empty();
        }
        List<String> head = tokens(pieces.get(0));
        if (head == null || head.isEmpty()) {
            return Optional.empty();
        }
        String authservId = unquote(head.get(0)).toLowerCase(Locale.ROOT);
        List<Result> results = new ArrayList<>();
        for (String piece : pieces.subList(1, pieces.size())) {
            List<String> words = tokens(piece);
            if (words == null) {
                return Optional.empty();
            }
            if (words.isEmpty() || (words.size() == 1 && words.get(0).equalsIgnoreCase("none"))) {
                continue;
            }
            String[] methodspec = words.get(0).split("=", 2);
            if (methodspec.length != 2 || methodspec[0].isEmpty()) {
                return Optional.empty();
            }
            String method = methodspec[0].split("/", 2)[0].toLowerCase(Locale.ROOT);
            String result = unquote(methodspec[1]).toLowerCase(Locale.ROOT);
            Map<String, String> properties = new LinkedHashMap<>();
            for (String word : words.subList(1, words.size())) {
                String[] pair = word.split("=", 2);
                if (pair.length == 2) {
                    properties.putIfAbsent(pair[0].toLowerCase(Locale.ROOT), unquote(pair[1]));
                }
            }
            results.add(new Result(method, result, properties));
        }
        return Optional.of(new AuthenticationResults(authservId, results));
    }

    /** Drops (possibly nested) comments outside quoted strings; null when quotes or parentheses do not close. */
    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                out.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return null;
                }
                out.append(' ');
            } else if (depth == 0) {
                out.append(c);
                quoted = c == '"';
            }
        }
        return depth == 0 && !quoted ? out.toString() : null;
    }

    /** Splits on a separator outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** Words of one result, with the optional spaces around {@code =} (RFC 8601 allows CFWS there) removed. */
    private static List<String> tokens(String piece) {
        String joined = joinEquals(piece.trim());
        List<String> words = new ArrayList<>();
        for (String word : split(joined.replace('\t', ' '), ' ')) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String joinEquals(String piece) {
        StringBuilder out = new StringBuilder(piece.length());
        boolean quoted = false;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '=') {
                while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.setLength(out.length() - 1);
                }
                out.append(c);
                while (i + 1 < piece.length() && Character.isWhitespace(piece.charAt(i + 1))) {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
