package kz.gov.safework.connectors.mail;

import java.time.Instant;
import java.util.List;

/**
 * What the hub takes from one received mail: who sent it (the bare From address, or null when there is none
 * or more than one), its identity ({@link MailKey}: the Message-ID, synthesised from the content when absent,
 * and the SHA-256 of the raw mail, so a re-read mail gets the same key and another mail reusing the id does not), decoded subject, the References chain for the reply, when the mail server received it, and the documents found in its attachments,
 * forwarded mails and archives, in mail order. {@code ignored} names attachments that are no document.
 * {@code automated} marks bounces and auto-replies, which are never answered (no mail loops).
 */
public record InboundMail(
        MailKey key,
        String sender,
        String subject,
        String references,
        Instant receivedAt,
        boolean automated,
        List<MailDocument> documents,
        List<String> ignored) {

    public InboundMail {
        documents = List.copyOf(documents);
        ignored = List.copyOf(ignored);
    }

    /** The mail's Message-ID header (or the one synthesised for it): what a reply's In-Reply-To names. */
    public String messageId() {
        return key.messageId();
    }
}
