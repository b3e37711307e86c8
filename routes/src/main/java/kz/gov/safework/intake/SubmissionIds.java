package kz.gov.safework.intake;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import kz.gov.safework.contract.envelope.Channel;

/**
 * Deterministic submission ids: the same transport message (a redelivery, a re-read mail, a file
 * retaken after a crash) always gets the same id, so the store's primary key makes it harmless.
 */
public final class SubmissionIds {

    public static String of(Channel channel, String login, String transportId) {
        String key = channel.id() + '\n' + (login == null ? "" : login) + '\n' + transportId;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private SubmissionIds() {
    }
}
