package kz.gov.safework.store;

import java.time.Instant;

/** A row of the pipeline's {@code submission} table, as the cycle reads it (DUPLICATE rows are ignored). */
public record StoredSubmission(
        String submissionId,
        String agency,
        String reportId,
        String status,
        boolean late,
        String correctionOf,
        String supersededBy,
        String sha256,
        Instant receivedAt) {

    public boolean accepted() {
        return "ACCEPTED".equals(status);
    }

    public boolean rejected() {
        return "REJECTED".equals(status);
    }
}
