package kz.gov.safework.connectors.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A mail the hub sends with a Message-ID of its own choosing. Jakarta Mail gives every message a new random
 * Message-ID whenever it is saved (and every send saves it); this one keeps its id, so the same reply sent
 * twice (a crash between the SMTP server's accept and the outbox's "sent") is recognisably one reply.
 */
final class OutgoingMail extends MimeMessage {
    private final String fixedId;

    OutgoingMail(Session session, String messageId) {
        super(session);
        this.fixedId = messageId;
    }

    private OutgoingMail(Session session, byte[] raw, String messageId) throws MessagingException {
        super(session, new ByteArrayInputStream(raw));
        this.fixedId = messageId;
    }

    /** A stored mail, read back to be sent (again) with the same Message-ID. */
    static OutgoingMail parse(Session session, byte[] raw, String messageId) throws MessagingException {
        return new OutgoingMail(session, raw, messageId);
    }

    /** The complete mail as it goes out (headers and body), for the outbox table. */
    static byte[] bytes(MimeMessage mail) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            mail.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot serialise the reply", e);
        }
        return out.toByteArray();
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", fixedId);
    }
}
