package kz.gov.safework.connectors.mail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A mail's identity: its Message-ID and the SHA-256 of its raw bytes, written {@code <id> <sha256>}. The
 * sender chooses the Message-ID, so two different mails may share one; they never share the hash. The same
 * mail read again (after a crash before it was moved out of the inbox) has the same bytes, so the same key.
 * The Message-ID has no white space ({@link MailReader} strips it), so the last space splits the key; a key
 * without one (a mail recorded before keys had a hash) is the Message-ID alone.
 */
public record MailKey(String messageId, String rawSha256) {

    public static MailKey of(String messageId, byte[] raw) {
        try {
            return new MailKey(messageId, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a key written by {@link #toString()}. */
    public static MailKey parse(String key) {
        int space = key.lastIndexOf(' ');
        return space < 0 ? new MailKey(key, "") : new MailKey(key.substring(0, space), key.substring(space + 1));
    }

    /**
     * A Message-ID of the hub's own derived from this key, the same on every attempt: {@code <tag>.<hash>@<domain>}.
     * A reply resent after a crash between the SMTP server's accept and the outbox's "sent" carries the same id.
     */
    public String derivedMessageId(String tag, String hubAddress) {
        return derivedMessageId(tag, toString(), hubAddress);
    }

    /** A deterministic Message-ID for an outgoing mail named by {@code what} (a mail key, a reminder's key). */
    public static String derivedMessageId(String tag, String what, String hubAddress) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(what.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String domain = hubAddress.substring(hubAddress.lastIndexOf('@') + 1);
            return "<" + tag + "." + HexFormat.of().formatHex(hash, 0, 20) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return rawSha256.isEmpty() ? messageId : messageId + " " + rawSha256;
    }
}
