package kz.gov.safework.contract.reading;

/**
 * Bounds the readers put on untrusted documents, beyond the byte limit the caller gives. A valid progress
 * report is far inside every one of them; they exist so that a hostile document costs little to refuse.
 */
public final class ReaderLimits {
    /** JSON: deepest nesting of objects and arrays (a valid report nests 4 deep). */
    public static final int JSON_MAX_NESTING_DEPTH = 64;
    /** JSON: longest string value, in characters (the schema's longest field is 20,000). */
    public static final int JSON_MAX_STRING_LENGTH = 100_000;
    /** JSON: longest member name, in characters. */
    public static final int JSON_MAX_NAME_LENGTH = 256;
    /** JSON: longest number literal, in characters. */
    public static final int JSON_MAX_NUMBER_LENGTH = 64;
    /** JSON: most tokens in one document. */
    public static final long JSON_MAX_TOKEN_COUNT = 1_000_000L;
    /** JSON: longest document, in bytes, whatever byte limit the caller gives. */
    public static final long JSON_MAX_DOCUMENT_LENGTH = 32L * 1024 * 1024;
    /** XML: deepest element nesting (a valid report nests 5 deep). */
    public static final int XML_MAX_ELEMENT_DEPTH = 32;
    /** Most errors listed for one document; one more entry says how many were left out. */
    public static final int MAX_ERRORS = 100;
    /** Longest identifier (reportId, agency) echoed from a document that failed its schema. */
    public static final int MAX_ECHOED_ID_LENGTH = 100;

    private ReaderLimits() {
    }
}
