package kz.gov.safework.contract.reading;

import java.io.IOException;
import java.io.InputStream;

/** Stub: replaced by the document-contract work. */
final class ProgressReportReader implements DocumentReader {
    private static final ProgressReportReader INSTANCE = new ProgressReportReader();

    static ProgressReportReader instance() {
        return INSTANCE;
    }

    @Override
    public ReadResult read(InputStream in, long maxBytes) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
