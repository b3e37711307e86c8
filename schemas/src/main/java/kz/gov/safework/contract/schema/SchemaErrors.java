package kz.gov.safework.contract.schema;

import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * How problems found while reading a document are worded: the code's own text followed by a short detail.
 * Details come from parsers and validators and may quote the document, so they are cut to a bounded length.
 */
public final class SchemaErrors {
    /** Longest detail (characters) appended to an error's message. */
    public static final int MAX_DETAIL_CHARS = 300;
    /** Longest path (characters) an error carries. */
    public static final int MAX_PATH_CHARS = 500;

    /** A SCHEMA_VIOLATION with a detail in Russian and one in English. */
    public static ValidationError violation(String path, String detailRu, String detailEn) {
        ErrorCode code = ErrorCode.SCHEMA_VIOLATION;
        return new ValidationError(code, shortenPath(path),
                code.messageRu() + ": " + shorten(detailRu), code.messageEn() + ": " + shorten(detailEn));
    }

    /** Any code with one (technical, untranslated) detail, shortened. */
    public static ValidationError of(ErrorCode code, String path, String detail) {
        return ValidationError.of(code, shortenPath(path), detail == null ? null : shorten(detail));
    }

    /** White space collapsed, cut to {@link #MAX_DETAIL_CHARS} with an ellipsis. */
    public static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return cut(collapsed, MAX_DETAIL_CHARS);
    }

    static String shortenPath(String path) {
        return path == null ? "" : cut(path, MAX_PATH_CHARS);
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private SchemaErrors() {
    }
}
