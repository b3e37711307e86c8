package kz.gov.safework.contract.schema;

/**
 * Names and locations of the document contract's schemas. A document names its type and version:
 * XML by the root element's namespace, JSON by its {@code schema} member; both carry the same URN, so a
 * v2 can be read beside v1.
 */
public final class ContractSchemas {
    /** Progress report v1: the XML namespace and the JSON {@code schema} member. */
    public static final String PROGRESS_REPORT_V1 = "urn:kz:gov:safework:progress-report:v1";
    /** The root element of a progress report in XML. */
    public static final String PROGRESS_REPORT_ROOT = "progressReport";
    /** The JSON member that names a document's type and version. */
    public static final String JSON_TYPE_MEMBER = "schema";

    /** Classpath location of the progress report XSD. */
    public static final String PROGRESS_REPORT_V1_XSD = "schemas/report/progress-report-v1.xsd";

    /**
     * Base of every JSON Schema {@code $id}; resolved to {@code classpath:schemas/}, never fetched.
     * Schemas refer to each other relative to it (the feed refers to the progress report).
     */
    public static final String JSON_SCHEMA_ID_BASE = "https://schemas.safework.gov.kz/";
    /** Where the JSON Schemas whose ids start with {@link #JSON_SCHEMA_ID_BASE} are on the classpath. */
    public static final String JSON_SCHEMA_CLASSPATH_BASE = "schemas/";

    private ContractSchemas() {
    }
}
