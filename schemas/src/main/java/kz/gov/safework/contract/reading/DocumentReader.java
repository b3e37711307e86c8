package kz.gov.safework.contract.reading;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a progress report from raw bytes, XML or JSON (detected from the content, not the name),
 * safely (no DOCTYPE, no external entities, bounded JSON) and validates it against its schema,
 * collecting every error. Thread-safe; schemas are compiled once per instance.
 */
public interface DocumentReader {

    /**
     * @param in        the document's bytes; read at most {@code maxBytes + 1} bytes
     * @param maxBytes  documents larger than this are refused with DOCUMENT_TOO_LARGE
     */
    ReadResult read(InputStream in, long maxBytes) throws IOException;

    /**
     * The same for a document already in memory, read in place: no second copy of it is made (the pipeline holds a
     * document of up to {@code hub.max-document-size} once, not twice, so a 100 MiB one fits a 256 MiB heap).
     *
     * @param bytes     the whole document
     * @param maxBytes  documents larger than this are refused with DOCUMENT_TOO_LARGE
     */
    default ReadResult read(byte[] bytes, long maxBytes) throws IOException {
        return read(new java.io.ByteArrayInputStream(bytes), maxBytes);
    }

    /** The standard reader for progress report v1 in XML and JSON. */
    static DocumentReader progressReports() {
        return ProgressReportReader.instance();
    }
}
