package kz.gov.safework.contract.validation;

/**
 * One problem found in a document. {@code path} points into the document (JSON Pointer for JSON,
 * a simple XPath for XML, empty for the document as a whole); {@code message} is Russian (kept so for
 * compatibility), {@code messageEn} English, {@code messageKk} Kazakh. A detail after the code's text is often
 * technical; Kazakh and Russian texts carry the Russian detail, English the English one.
 */
public record ValidationError(ErrorCode code, String path, String message, String messageEn, String messageKk) {

    /**
     * From the Russian and English texts: the Kazakh text is the code's, followed by whatever detail the Russian text
     * adds after the code's own Russian text.
     */
    public ValidationError(ErrorCode code, String path, String message, String messageEn) {
        this(code, path, message, messageEn, kazakh(code, message));
    }

    public static ValidationError of(ErrorCode code, String path) {
        return new ValidationError(code, path == null ? "" : path, code.messageRu(), code.messageEn(), code.messageKk());
    }

    /** The code's text followed by a detail (the detail is often technical and left untranslated). */
    public static ValidationError of(ErrorCode code, String path, String detail) {
        if (detail == null || detail.isBlank()) {
            return of(code, path);
        }
        return new ValidationError(code, path == null ? "" : path,
                code.messageRu() + ": " + detail, code.messageEn() + ": " + detail, code.messageKk() + ": " + detail);
    }

    private static String kazakh(ErrorCode code, String message) {
        if (code == null) {
            return null;
        }
        return message != null && message.startsWith(code.messageRu())
                ? code.messageKk() + message.substring(code.messageRu().length()) : code.messageKk();
    }
}
