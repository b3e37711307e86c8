package kz.gov.safework.contract.validation;

/**
 * One problem found in a document. {@code path} points into the document (JSON Pointer for JSON,
 * a simple XPath for XML, empty for the document as a whole); {@code message} is Russian,
 * {@code messageEn} English.
 */
public record ValidationError(ErrorCode code, String path, String message, String messageEn) {

    public static ValidationError of(ErrorCode code, String path) {
        return new ValidationError(code, path == null ? "" : path, code.messageRu(), code.messageEn());
    }

    /** The code's text followed by a detail (the detail is often technical and left untranslated). */
    public static ValidationError of(ErrorCode code, String path, String detail) {
        if (detail == null || detail.isBlank()) {
            return of(code, path);
        }
        return new ValidationError(code, path == null ? "" : path,
                code.messageRu() + ": " + detail, code.messageEn() + ": " + detail);
    }
}
