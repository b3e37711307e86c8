package kz.gov.safework.document;

import java.nio.file.Path;
import java.time.Instant;
import kz.gov.safework.contract.envelope.Channel;

/**
 * A document as the pipeline sees it once logged: where it came from, who sent it, and the logged
 * bytes ({@code body}, {@code size}, {@code sha256}). {@code agency} is null when the channel's login is
 * not an agency; {@code adapterError} is an ErrorCode name the channel adapter already decided,
 * {@code adapterWarning} one it flagged without refusing (e.g. REPLY_TO_IGNORED).
 */
public record Envelope(
        String submissionId,
        Channel channel,
        String login,
        String agency,
        String transportId,
        String fileName,
        String contentType,
        Instant receivedAt,
        String replyTo,
        String correlation,
        String adapterError,
        String adapterWarning,
        Path body,
        long size,
        String sha256) {
}
