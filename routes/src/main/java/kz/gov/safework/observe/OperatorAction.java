package kz.gov.safework.observe;

import java.time.Instant;

/** One recorded operator action; {@code id} is null until stored. */
public record OperatorAction(
        Long id,
        Instant actedAt,
        String operator,
        Kind action,
        String target,
        String reason,
        String outcome) {

    public enum Kind {
        VIEW_DEAD_LETTER, RETRY_DEAD_LETTER, RETRY_ALL_DEAD_LETTERS, DISCARD_DEAD_LETTER,
        /** A submission's original bytes opened through {@code GET /api/submissions/{id}/document}. */
        VIEW_DOCUMENT,
        /** A submission's stored receipt sent once more ({@code POST /api/submissions/{id}/resend-receipt}). */
        RESEND_RECEIPT,
        /** A submission's feed message published once more ({@code POST /api/submissions/{id}/republish}). */
        REPUBLISH_FEED,
        /** A channel's intake suspended ({@code POST /api/operator/channels/{channel}/suspend}). */
        SUSPEND_CHANNEL,
        /** A suspended channel's intake resumed ({@code POST /api/operator/channels/{channel}/resume}). */
        RESUME_CHANNEL
    }
}
