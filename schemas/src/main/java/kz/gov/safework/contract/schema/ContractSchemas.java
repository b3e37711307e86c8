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
     * Where the hub serves the contract's files over HTTP ({@code GET /schemas/report/progress-report-v1.xsd}): the
     * same paths as under {@value #JSON_SCHEMA_CLASSPATH_BASE} on the classpath, the example documents under
     * {@code /schemas/examples/} ({@link ContractFiles}).
     * Every JSON Schema's {@code $id} is this path and its file's path below it ({@code /schemas/feed/feed-v1.schema.json}):
     * a reference that resolves, on any hub, against the address the schema was fetched from, so a tool that loads
     * a schema from the hub finds the schemas it refers to there too.
     */
    public static final String SERVED_PATH = "/schemas/";
    /** Where the contract's files are on the classpath: the JSON Schemas whose ids start with {@link #SERVED_PATH}. */
    public static final String JSON_SCHEMA_CLASSPATH_BASE = "schemas/";
    /**
     * The origin the hub loads its own JSON Schemas under: their ids resolved against it are mapped to
     * {@code classpath:schemas/} and never fetched ({@code .invalid} is a name that never resolves, RFC 2606).
     */
    public static final String JSON_SCHEMA_ID_BASE = "https://hub.invalid" + SERVED_PATH;

    private ContractSchemas() {
    }
}
