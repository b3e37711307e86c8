package kz.gov.safework.contract.reading;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import kz.gov.safework.contract.schema.ContractSchemas;
import kz.gov.safework.contract.schema.JsonSchemas;
import kz.gov.safework.contract.schema.SchemaErrors;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * Progress report v1 in XML or JSON. Reads at most {@code maxBytes + 1} bytes, tells the format from the
 * content, then hands over to the XML or the JSON reader. Both schemas are compiled once, when the class
 * loads; one instance serves every thread.
 */
final class ProgressReportReader implements DocumentReader {
    private static final ProgressReportReader INSTANCE = new ProgressReportReader();

    private final XmlReportReader xml;
    private final JsonReportReader json;

    private ProgressReportReader() {
        this.xml = new XmlReportReader(SafeXml.compileSchema(ContractSchemas.PROGRESS_REPORT_V1_XSD));
        JsonSchemas.schema(JsonSchemas.PROGRESS_REPORT_V1);
        this.json = new JsonReportReader();
    }

    static ProgressReportReader instance() {
        return INSTANCE;
    }

    @Override
    public ReadResult read(InputStream in, long maxBytes) throws IOException {
        Objects.requireNonNull(in, "in");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        }
        // One byte more than allowed tells "too large" from "exactly at the limit" without reading further.
        int cap = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16);
        return read(in.readNBytes(cap), maxBytes);
    }

    @Override
    public ReadResult read(byte[] bytes, long maxBytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        }
        if (bytes.length > maxBytes) {
            return Results.failed(DocumentFormat.UNKNOWN, SchemaErrors.of(ErrorCode.DOCUMENT_TOO_LARGE, "",
                    "more than " + maxBytes + " bytes"));
        }
        return switch (FormatSniffer.sniff(bytes, bytes.length)) {
            case EMPTY -> Results.failed(DocumentFormat.UNKNOWN, ValidationError.of(ErrorCode.EMPTY_DOCUMENT, ""));
            case UNSUPPORTED -> Results.failed(DocumentFormat.UNKNOWN,
                    ValidationError.of(ErrorCode.UNSUPPORTED_FORMAT, ""));
            case XML -> xml.read(bytes, bytes.length);
            case JSON -> json.read(bytes, bytes.length);
        };
    }
}
