package kz.gov.safework.connectors.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns a received mail into an {@link InboundMail}. The mail is copied once from the server and parsed
 * locally (one IMAP fetch, however many attachments). Multiparts and attached or forwarded mails
 * ({@code message/rfc822}) are walked recursively; attachment names are decoded from RFC 2231 and RFC 2047;
 * transfer encodings (base64, quoted-printable) are undone by Jakarta Mail. Text bodies are never decoded,
 * so an odd charset (windows-1251, KOI8-R, or a bogus one) cannot break intake.
 */
public final class MailReader {
    /** Forwarded mails nest; a mail nesting deeper than this is built to hurt, not to report. */
    private static final int MAX_DEPTH = 16;
    private static final Session PARSING_SESSION = Session.getInstance(parsingProperties());

    private final ArchiveReader archives;

    public MailReader(ArchiveLimits limits) {
        this.archives = new ArchiveReader(limits);
    }

    private static Properties parsingProperties() {
        Properties props = new Properties();
        // RFC 2047 inside file names is not standard, but Outlook and old Thunderbird write it.
        props.setProperty("mail.mime.decodefilename", "true");
        props.setProperty("mail.mime.decodeparameters", "true");
        // Raw UTF-8 in headers (RFC 6532) instead of mojibake.
        props.setProperty("mail.mime.allowutf8", "true");
        props.setProperty("mail.mime.address.strict", "false");
        return props;
    }

    /** Reads a mail as the IMAP server holds it; its arrival time is the server's INTERNALDATE. */
    public InboundMail read(Message received, Instant fallbackReceivedAt) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        Date arrived = received.getReceivedDate();
        return read(raw.toByteArray(), arrived == null ? fallbackReceivedAt : arrived.toInstant());
    }

    public InboundMail read(byte[] raw, Instant receivedAt) throws MessagingException, IOException {
        MimeMessage mail = new MimeMessage(PARSING_SESSION, new ByteArrayInputStream(raw));
        List<MailDocument> documents = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        walk(mail, documents, ignored, 0);
        return new InboundMail(messageIdOf(mail, raw), senderOf(mail), subjectOf(mail),
                mail.getHeader("References", " "), receivedAt, isAutomated(mail), documents, ignored);
    }

    /**
     * A part that cannot be parsed (broken boundary, corrupt base64) is listed as unreadable and skipped:
     * failing the whole mail would only have it read again at every poll, forever.
     */
    private void walk(Part part, List<MailDocument> documents, List<String> ignored, int depth) {
        if (depth > MAX_DEPTH) {
            ignored.add("(parts nested deeper than " + MAX_DEPTH + ")");
            return;
        }
        String name = null;
        try {
            if (part.isMimeType("multipart/*")) {
                if (part.getContent() instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i), documents, ignored, depth + 1);
                    }
                }
                return;
            }
            if (part.isMimeType("message/rfc822")) {
                if (part.getContent() instanceof Message forwarded) {
                    walk(forwarded, documents, ignored, depth + 1);
                }
                return;
            }
            name = fileNameOf(part);
            if (name == null) {
                return; // a body text or an unnamed inline part
            }
            String lower = Attachments.lower(name);
            if (Attachments.isDocument(lower)) {
                documents.add(MailDocument.of(name, declaredType(part, lower), bytesOf(part)));
            } else if (Attachments.isArchive(lower)) {
                documents.addAll(archives.open(name, bytesOf(part)));
            } else {
                ignored.add(name);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            ignored.add("(" + (name == null ? "unreadable part" : "unreadable " + name) + ": " + e.getMessage() + ")");
        }
    }

    private static String fileNameOf(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
        if (name != null && name.contains("=?")) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // keep the name as written
            }
        }
        return Attachments.baseName(name);
    }

    private static String declaredType(Part part, String lowerName) {
        try {
            String type = part.getContentType();
            if (type != null) {
                String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (!base.isEmpty() && !base.equals("application/octet-stream")) {
                    return base;
                }
            }
        } catch (MessagingException e) {
            // fall through to the extension
        }
        return Attachments.contentTypeOf(lowerName);
    }

    private static byte[] bytesOf(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String senderOf(MimeMessage mail) {
        try {
            Address[] from = mail.getFrom();
            if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress address)) {
                return null;
            }
            String bare = address.getAddress();
            return bare == null || bare.isBlank() || !bare.contains("@") ? null : bare.trim();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            String subject = mail.getSubject();
            return subject == null ? "" : subject.replaceAll("\\p{Cntrl}", " ").trim();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The mail's Message-ID, or one derived from its bytes, so reading the same mail again gives the same id. */
    private static String messageIdOf(MimeMessage mail, byte[] raw) throws MessagingException {
        String id = mail.getMessageID();
        if (id != null) {
            id = id.replaceAll("\\s", "");
            if (!id.isEmpty() && id.length() <= 900) {
                return id;
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return "<" + HexFormat.of().formatHex(hash) + "@no-message-id.hub.local>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bounces, vacation replies, list traffic: answering them could start a mail loop. */
    private static boolean isAutomated(MimeMessage mail) throws MessagingException {
        String auto = mail.getHeader("Auto-Submitted", null);
        if (auto != null && !auto.trim().equalsIgnoreCase("no")) {
            return true;
        }
        String precedence = mail.getHeader("Precedence", null);
        if (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return true;
        }
        String sender = senderOf(mail);
        if (sender != null) {
            String local = sender.substring(0, sender.indexOf('@')).toLowerCase(Locale.ROOT);
            return local.equals("mailer-daemon") || local.equals("postmaster");
        }
        return false;
    }
}
