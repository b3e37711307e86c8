package kz.gov.safework.hub;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kz.gov.safework.connectors.mail.MailParts;

/**
 * An agency's mail client against the packaged hub's embedded mail server (Jakarta Mail): it writes a report mail,
 * submits it over SMTP logged in as the agency, and reads the hub's replies from the agency's mailbox over IMAP.
 */
final class MailClient {
    static final String HUB = "reports@hub.local";

    private MailClient() {
    }

    /** A mail from {@code from} to the hub with the given Message-ID and attachments, ready to send. */
    static MimeMessage report(String from, String messageId, String subject, MimeBodyPart... attachments)
            throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(from);
        mail.setRecipients(Message.RecipientType.TO, HUB);
        mail.setSubject(subject, "UTF-8");
        MimeMultipart parts = new MimeMultipart("mixed");
        for (MimeBodyPart attachment : attachments) {
            parts.addBodyPart(attachment);
        }
        mail.setContent(parts);
        mail.saveChanges();
        mail.setHeader("Message-ID", messageId);
        return mail;
    }

    /** A report attachment; its type follows the file name (JSON or XML). */
    static MimeBodyPart attachment(String name, byte[] bytes) throws Exception {
        return attachment(name, bytes, name.endsWith(".json") ? "application/json" : "application/xml");
    }

    static MimeBodyPart attachment(String name, byte[] bytes, String type) throws Exception {
        return MailParts.attachment(name, bytes, type);
    }

    /** Submits over the hub's SMTP port, logged in as {@code login} with its demo password, or not at all. */
    static void send(HubProcess hub, MimeMessage mail, String login) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.auth", Boolean.toString(login != null));
        try (Transport smtp = Session.getInstance(props).getTransport("smtp")) {
            smtp.connect("127.0.0.1", hub.smtpPort, login, login == null ? null : QueueChannelIT.password(login));
            smtp.sendMessage(mail, mail.getAllRecipients());
        }
    }

    /** The hub's replies to a Message-ID in {@code login}'s mailbox (INBOX), found by their In-Reply-To. */
    static List<MimeMessage> repliesTo(HubProcess hub, String login, String inReplyTo) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", hub.imapPort, login, QueueChannelIT.password(login));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<MimeMessage> found = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    String[] header = message.getHeader("In-Reply-To");
                    if (header != null && header[0].equals(inReplyTo)) {
                        found.add(new MimeMessage((MimeMessage) message));
                    }
                }
                return found;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** How many mails {@code login}'s mailbox holds in {@code folderName} (0 for a folder that does not exist). */
    static int count(HubProcess hub, String login, String password, String folderName) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", hub.imapPort, login, password);
        try {
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : 0;
        } finally {
            store.close();
        }
    }

    /** The first reply to a Message-ID to arrive in {@code login}'s mailbox (awaited up to two minutes). */
    static MimeMessage replyTo(HubProcess hub, String login, String inReplyTo) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> repliesTo(hub, login, inReplyTo), found -> !found.isEmpty()).get(0);
    }

    /** A mail's attachments but the hub's {@code .sig} signatures, name to decoded text (the receipts of a reply). */
    static Map<String, String> attachmentsOf(MimeMessage mail) throws Exception {
        Map<String, String> found = withSignatures(mail);
        found.keySet().removeIf(name -> name.endsWith(".sig"));
        return found;
    }

    /** Every attachment of a mail, the receipts' {@code .sig} included, name to decoded text. */
    static Map<String, String> withSignatures(MimeMessage mail) throws Exception {
        return MailParts.attachments(mail);
    }
}
