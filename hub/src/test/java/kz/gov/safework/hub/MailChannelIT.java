package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail channel of the packaged hub (heap capped at 256 MiB) with its embedded mail server, driven as an
 * agency would: a mail client submitting over SMTP (logged in, or not) and reading the replies over IMAP. Issue
 * 19's zip bomb from an authenticated agency is refused once and leaves a healthy hub that still takes the next
 * report (sent with the README's curl command); a forged From: is refused without being judged.
 */
class MailChannelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB = "reports@hub.local";
    private static final String MZ = "mz@agency.hub.local";

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static HubProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = new HubProcess(data, Map.of("hub.mail.imap.poll-delay", "500")).start();
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void zipBombFromAnAuthenticatedAgencyIsRefusedOnceAndTheNextReportIsStillProcessed() throws Exception {
        MimeMessage bomb = mail(MZ, "<zip-bomb@agency.hub.local>", "Отчёты");
        MimeMultipart parts = new MimeMultipart("mixed");
        byte[] zip = zipOfZeros(100, 512 * 1024);
        for (int i = 1; i <= 40; i++) {
            parts.addBodyPart(attachment("reports-" + i + ".zip", zip, "application/zip"));
        }
        bomb.setContent(parts);
        bomb.saveChanges();
        bomb.setHeader("Message-ID", "<zip-bomb@agency.hub.local>");
        send(bomb, "mz");

        MimeMessage refusal = replyTo("<zip-bomb@agency.hub.local>");
        assertThat(text(refusal)).contains("ARCHIVE_LIMIT_EXCEEDED");
        assertThat(attachmentsOf(refusal)).isEmpty();
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
        assertThat(count(HUB, "reports", "Quarantine")).isGreaterThanOrEqualTo(1);

        // the README's command: curl logs in (SMTP AUTH) as the agency
        Path eml = work.resolve("mail.eml");
        byte[] report = Files.readAllBytes(Path.of(System.getProperty("hub.config-dir")).getParent()
                .resolve("schemas/examples/valid/03-mz-2022.xml"));
        Files.writeString(eml, """
                From: Ministry of Health <mz@agency.hub.local>\r
                To: reports@hub.local\r
                Subject: Report 2022\r
                Message-ID: <after-the-bomb@agency.hub.local>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: application/xml\r
                Content-Transfer-Encoding: base64\r
                Content-Disposition: attachment; filename="03-mz-2022.xml"\r
                \r
                %s\r
                --b--\r
                """.formatted(Base64.getMimeEncoder().encodeToString(report)), StandardCharsets.US_ASCII);
        Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "smtp://127.0.0.1:" + hub.smtpPort,
                "--user", "mz:" + QueueChannelIT.password("mz"), "--mail-from", MZ, "--mail-rcpt", HUB,
                "-T", eml.toString()).redirectErrorStream(true).start();
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        MimeMessage receipts = replyTo("<after-the-bomb@agency.hub.local>");
        Map<String, String> attached = attachmentsOf(receipts);
        assertThat(attached).containsOnlyKeys("03-mz-2022.xml.receipt.json");
        JsonNode receipt = JSON.readTree(attached.get("03-mz-2022.xml.receipt.json"));
        assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("channel").asText()).isEqualTo("mail");
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void forgedFromOfAnAgencyIsRefusedWithoutJudgement() throws Exception {
        MimeMessage forged = mail(MZ, "<forged@agency.hub.local>", "Отчёт");
        MimeMultipart parts = new MimeMultipart("mixed");
        parts.addBodyPart(attachment("report.xml", Files.readAllBytes(Path.of(System.getProperty("hub.config-dir"))
                .getParent().resolve("schemas/examples/valid/03-mz-2022.xml")), "application/xml"));
        forged.setContent(parts);
        forged.saveChanges();
        forged.setHeader("Message-ID", "<forged@agency.hub.local>");
        forged.addHeader("Authentication-Results", "mx.evil.example; dkim=pass header.d=agency.hub.local");
        send(forged, null);

        MimeMessage refusal = replyTo("<forged@agency.hub.local>");
        assertThat(text(refusal)).contains("SENDER_NOT_AUTHENTICATED");
        assertThat(attachmentsOf(refusal)).isEmpty();
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
    }

    private static MimeMessage mail(String from, String messageId, String subject) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(from);
        mail.setRecipients(Message.RecipientType.TO, HUB);
        mail.setSubject(subject, "UTF-8");
        return mail;
    }

    private static MimeBodyPart attachment(String name, byte[] bytes, String type) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(bytes, type);
        part.setHeader("Content-Type", type);
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }

    /** Submits over the embedded SMTP port, logged in as {@code login} with its demo password, or not at all. */
    private static void send(MimeMessage mail, String login) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.auth", Boolean.toString(login != null));
        try (Transport smtp = Session.getInstance(props).getTransport("smtp")) {
            smtp.connect("127.0.0.1", hub.smtpPort, login, login == null ? null : QueueChannelIT.password(login));
            smtp.sendMessage(mail, mail.getAllRecipients());
        }
    }

    /** The hub's reply to a mail, found in MZ's mailbox by its In-Reply-To. */
    private static MimeMessage replyTo(String messageId) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> find("mz", QueueChannelIT.password("mz"), messageId), m -> m != null);
    }

    private static MimeMessage find(String login, String password, String inReplyTo) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", hub.imapPort, login, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    String[] header = message.getHeader("In-Reply-To");
                    if (header != null && header[0].equals(inReplyTo)) {
                        return new MimeMessage((MimeMessage) message);
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static int count(String login, String password, String folderName) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", hub.imapPort, login, password);
        try {
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : 0;
        } finally {
            store.close();
        }
    }

    private static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        return content instanceof String s ? s : (String) ((Multipart) content).getBodyPart(0).getContent();
    }

    /** A mail's attachments but the hub's {@code .sig} signatures, name to decoded text (the receipts of a reply). */
    static Map<String, String> attachmentsOf(MimeMessage mail) throws Exception {
        Map<String, String> found = withSignatures(mail);
        found.keySet().removeIf(name -> name.endsWith(".sig"));
        return found;
    }

    /** Every attachment of a mail, the receipts' {@code .sig} included, name to decoded text. */
    static Map<String, String> withSignatures(MimeMessage mail) throws Exception {
        Map<String, String> found = new java.util.LinkedHashMap<>();
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

    /** A zip of {@code entries} report-named entries of {@code size} zero bytes (512 bytes each once deflated). */
    private static byte[] zipOfZeros(int entries, int size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[size];
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("report-" + i + ".xml"));
                zip.write(zeros);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
