package kz.gov.safework.connectors.mail;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kz.gov.safework.testing.Zips;

/** Builds the mails the tests send, and reads the replies they get. */
final class TestMails {
    static final byte[] REPORT_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><progressReport><agency>MZ</agency></progressReport>"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] REPORT_JSON = "{\"agency\":\"MZ\",\"year\":2024}".getBytes(StandardCharsets.UTF_8);
    private static final Session SESSION = Session.getInstance(new Properties());

    private TestMails() {
    }

    static MimeMessage mail(String from, String subject, MimeBodyPart... attachments) throws Exception {
        MimeMessage mail = new MimeMessage(SESSION);
        mail.setFrom(from);
        mail.setRecipients(Message.RecipientType.TO, MailFixture.HUB);
        mail.setSubject(subject, "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Отчёт во вложении.\nReport attached.", "UTF-8");
        mixed.addBodyPart(text);
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        mail.setContent(mixed);
        mail.saveChanges();
        return mail;
    }

    static MimeBodyPart attachment(String name, byte[] bytes, String type) throws Exception {
        return MailParts.attachment(name, bytes, type);
    }

    static MimeBodyPart xml(String name) throws Exception {
        return attachment(name, REPORT_XML, "application/xml");
    }

    static MimeBodyPart zip(String name, byte[] zip) throws Exception {
        return attachment(name, zip, "application/zip");
    }

    /** A zip of the given entries, in order (a null value makes a directory entry). */
    static byte[] zipOf(Map<String, byte[]> entries) {
        return Zips.of(entries);
    }

    static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            map.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return map;
    }

    static String address(MimeMessage mail, Message.RecipientType type) throws Exception {
        return ((InternetAddress) mail.getRecipients(type)[0]).getAddress();
    }

    /** The reply's plain-text body. */
    static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof String s) {
            return s;
        }
        return (String) ((Multipart) content).getBodyPart(0).getContent();
    }

    /** The reply's receipts: its attachments but the receipts' signatures ({@link #signatures}), name to content. */
    static Map<String, String> attachments(MimeMessage mail) throws Exception {
        Map<String, String> found = MailParts.attachments(mail);
        found.keySet().removeIf(name -> name.endsWith(".sig"));
        return found;
    }

    /** The hub's signatures attached beside the receipts: receipt name to signature. */
    static Map<String, String> signatures(MimeMessage mail) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        MailParts.attachments(mail).forEach((name, content) -> {
            if (name.endsWith(".sig")) {
                found.put(name.substring(0, name.length() - ".sig".length()), content);
            }
        });
        return found;
    }

    static List<MimeBodyPart> xmls(int count) throws Exception {
        List<MimeBodyPart> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            parts.add(xml("report-" + i + ".xml"));
        }
        return parts;
    }
}
