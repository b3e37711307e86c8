package kz.gov.safework.contract.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The normalized message MTSZN consumes from {@code mtszn.feed}: one accepted report, whatever its
 * channel and format. {@code supersedes} is the submission id a correction replaces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedMessage(
        String schema,
        String submissionId,
        String channel,
        Instant receivedAt,
        Instant acceptedAt,
        boolean late,
        String sha256,
        String supersedes,
        ProgressReport report) {

    public static final String SCHEMA_ID = "urn:kz:gov:safework:feed:v1";
}
