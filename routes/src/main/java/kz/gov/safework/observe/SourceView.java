package kz.gov.safework.observe;

import java.time.Instant;

/** A channel source (IMAP mailbox, remote SFTP server) and when it was last polled successfully. */
public record SourceView(String source, Instant lastPoll) {
}
