package kz.gov.safework.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A judged document as the console lists it, with its receipt exactly as sent. */
public record SubmissionView(
        String submissionId,
        String channel,
        String agency,
        String reportId,
        String planId,
        Integer year,
        String status,
        boolean late,
        Instant receivedAt,
        Instant processedAt,
        JsonNode receipt) {
}
