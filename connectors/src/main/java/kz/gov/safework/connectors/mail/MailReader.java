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
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns a received mail into an {@link InboundMail}, in two steps so that nothing is opened before the sender is
 * known: {@link #receive} copies the mail once from the server (only if it is within
 * {@link MailLimits#maxMailBytes()}, else just its header) and reads its header; {@link #documents} then walks
 * its parts. Multiparts and attached or forwarded mails ({@code message/rfc822}) are walked recursively;
 * attachment names are decoded from RFC 2231 and RFC 2047; transfer encodings (base64, quoted-printable) are
 * undone by Jakarta Mail while streaming from the one copy (no part is copied again). Every attachment and
 * archive entry, and every byte decoded or inflated, is charged to the mail's {@link MailBudget}. Text bodies
 * are never decoded, so an odd charset (windows-1251, KOI8-R, or a bogus one) cannot break intake.
 */
public final class MailReader {
    /** Forwarded mails nest; a mail nesting deeper than this is built to hurt, not to report. */
    private static final int MAX_DEPTH = 16;
    private static final Session PARSING_SESSION = Session.getInstance(parsingProperties());

    private final MailLimits limits;
    private final ArchiveReader archives = new ArchiveReader();

    public MailReader(MailLimits limits) {
        this.limits = limits;
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

    /**
     * A mail as received: its parsed header (the parts are parsed only when {@link #documents} walks them),
     * the facts read from the header, and whether it was too large to download.
     */
    public record ReceivedMail(MimeMessage mime, InboundMail header, List<String> authenticationResults,
                               boolean tooLarge) {
    }

    /**
     * Reads a mail as the IMAP server holds it; its arrival time is the server's INTERNALDATE. A mail over the
     * byte limit (by the server's size, or found while copying) is not copied: only its header is fetched.
     */
    public ReceivedMail receive(Message received, Instant fallbackReceivedAt) throws MessagingException, IOException {
        Date arrived = received.getReceivedDate();
        Instant receivedAt = arrived == null ? fallbackReceivedAt : arrived.toInstant();
        int size = received.getSize();
        if (size <= limits.maxMailBytes()) {
            BoundedOutput raw = new BoundedOutput(limits.maxMailBytes(), size);
            try {
                received.writeTo(raw);
                return receive(raw.bytes(), receivedAt, false);
            } catch (BoundedOutput.Full tooLarge) {
                // the server's size was wrong: fall through to the header alone
            }
        }
        return receive(headerOf(received), receivedAt, true);
    }

    public ReceivedMail receive(byte[] raw, Instant receivedAt) throws MessagingException {
        return receive(raw, receivedAt, raw.length > limits.maxMailBytes());
    }

    private ReceivedMail receive(byte[] raw, Instant receivedAt, boolean tooLarge) throws MessagingException {
        // A shared stream: parts are views of this one array, not copies.
        MimeMessage mail = new MimeMessage(PARSING_SESSION, new SharedByteArrayInputStream(raw));
        InboundMail header = new InboundMail(MailKey.of(messageIdOf(mail, raw), raw), senderOf(mail), subjectOf(mail),
                mail.getHeader("References", " "), receivedAt, isAutomated(mail), List.of(), List.of());
        String[] results = mail.getHeader(AuthenticationResults.HEADER);
        return new ReceivedMail(mail, header, results == null ? List.of() : List.of(results), tooLarge);
    }

    /**
     * The documents of a received mail, within one fresh budget.
     *
     * @throws MailBudget.Exceeded when the mail is over its limits (a too-large mail always is)
     */
    public InboundMail documents(ReceivedMail received) {
        if (received.tooLarge()) {
            throw new MailBudget.Exceeded("the mail is larger than " + limits.maxMailBytes() + " bytes");
        }
        MailBudget budget = new MailBudget(limits);
        List<MailDocument> documents = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        walk(received.mime(), documents, ignored, 0, budget);
        InboundMail h = received.header();
        return new InboundMail(h.key(), h.sender(), h.subject(), h.references(), h.receivedAt(), h.automated(),
                documents, ignored);
    }

    /** Both steps at once, for a mail already in hand. */
    public InboundMail read(byte[] raw, Instant receivedAt) throws MessagingException {
        return documents(receive(raw, receivedAt));
    }

    /**
     * A part that cannot be parsed (broken boundary, corrupt base64) is listed as unreadable and skipped:
     * failing the whole mail would only have it read again at every poll, forever. Going over the budget is
     * not such a failure: it ends the reading of the whole mail.
     */
    private void walk(Part part, List<MailDocument> documents, List<String> ignored, int depth, MailBudget budget) {
        if (depth > MAX_DEPTH) {
            ignored.add("(parts nested deeper than " + MAX_DEPTH + ")");
            return;
        }
        String name = null;
        try {
            if (part.isMimeType("multipart/*")) {
                if (part.getContent() instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i), documents, ignored, depth + 1, budget);
                    }
                }
                return;
            }
            if (part.isMimeType("message/rfc822")) {
                if (part.getContent() instanceof Message forwarded) {
                    walk(forwarded, documents, ignored, depth + 1, budget);
                }
                return;
            }
            name = fileNameOf(part);
            if (name == null) {
                return; // a body text or an unnamed inline part
            }
            String lower = Attachments.lower(name);
            if (!Attachments.isArchive(lower)) {
                budget.entry(name); // an archive counts by its entries
            }
            if (Attachments.isDocument(lower)) {
                documents.add(MailDocument.of(name, declaredType(part, lower), bytesOf(part, budget)));
            } else if (Attachments.isArchive(lower)) {
                documents.addAll(archives.open(name, bytesOf(part, budget), budget));
            } else {
                ignored.add(name);
            }
        } catch (MailBudget.Exceeded e) {
            throw e;
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

    private static byte[] bytesOf(Part part, MailBudget budget) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return budget.readAll(in);
        }
    }

    /** The header of a mail too large to copy, as bytes (IMAP fetches the header alone). */
    private static byte[] headerOf(Message received) throws MessagingException {
        StringBuilder header = new StringBuilder();
        if (received instanceof MimeMessage mime) {
            Enumeration<String> lines = mime.getAllHeaderLines();
            while (lines.hasMoreElements()) {
                header.append(lines.nextElement()).append("\r\n");
            }
        }
        return header.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Keeps what is written until the limit, then refuses (the copy from the server stops there). Sized by the
     * server's word for the mail's size, so the buffer is neither grown by doubling nor copied at the end.
     */
    private static final class BoundedOutput extends ByteArrayOutputStream {
        private final long limit;

        BoundedOutput(long limit, int expectedSize) {
            super(Math.max(expectedSize, 32));
            this.limit = limit;
        }

        /** The bytes written: the buffer itself, not a copy, when the server's size was right. */
        synchronized byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > limit) {
                throw new Full();
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1L > limit) {
                throw new Full();
            }
            super.write(b);
        }

        static final class Full extends RuntimeException {
            Full() {
                super("mail over the size limit", null, false, false);
            }
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
