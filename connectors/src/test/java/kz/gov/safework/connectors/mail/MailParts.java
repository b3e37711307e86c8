package kz.gov.safework.connectors.mail;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The attachments a test's mail client writes, and reads from the hub's replies (shared with the hub's tests). */
public final class MailParts {
    private MailParts() {
    }

    public static MimeBodyPart attachment(String name, byte[] bytes, String type) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(bytes, type);
        part.setHeader("Content-Type", type);
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }

    /** Every attachment of a mail, the receipts' {@code .sig} signatures included, name to decoded text. */
    public static Map<String, String> attachments(MimeMessage mail) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        if (mail.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.getFileName() != null) {
                    try (InputStream in = part.getInputStream()) {
                        found.put(part.getFileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return found;
    }
}
