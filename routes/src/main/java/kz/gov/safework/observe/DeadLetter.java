package kz.gov.safework.observe;

import java.time.Instant;

/**
 * A message in the dead-letter queue as operators see it: where it died ({@code originalAddress}, from
 * Artemis' {@code _AMQ_ORIG_ADDRESS}), why ({@code failure}: the pipeline's {@code swFailure}, when it set
 * one), whose it is (the envelope's sw* headers), when it was sent and how big it is.
 */
public record DeadLetter(
        long id,
        String messageId,
        String originalAddress,
        String failure,
        int deliveryCount,
        String channel,
        String agency,
        String login,
        String submissionId,
        String fileName,
        String receivedAt,
        Instant time,
        long size) {
}
