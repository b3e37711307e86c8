package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.testing.Zips;
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
    private static final String HUB = MailClient.HUB;
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
        HubProcess.closeAll(hub);
    }

    @Test
    void zipBombFromAnAuthenticatedAgencyIsRefusedOnceAndTheNextReportIsStillProcessed() throws Exception {
        byte[] zip = Zips.ofZeros(100, 512 * 1024);
        MimeBodyPart[] zips = new MimeBodyPart[40];
        for (int i = 1; i <= 40; i++) {
            zips[i - 1] = MailClient.attachment("reports-" + i + ".zip", zip, "application/zip");
        }
        MimeMessage bomb = MailClient.report(MZ, "<zip-bomb@agency.hub.local>", "Отчёты", zips);
        MailClient.send(hub, bomb, "mz");

        MimeMessage refusal = replyTo("<zip-bomb@agency.hub.local>");
        assertThat(text(refusal)).contains("ARCHIVE_LIMIT_EXCEEDED");
        assertThat(MailClient.attachmentsOf(refusal)).isEmpty();
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
        assertThat(MailClient.count(hub, HUB, "reports", "Quarantine")).isGreaterThanOrEqualTo(1);

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
        Map<String, String> attached = MailClient.attachmentsOf(receipts);
        assertThat(attached).containsOnlyKeys("03-mz-2022.xml.receipt.json");
        JsonNode receipt = JSON.readTree(attached.get("03-mz-2022.xml.receipt.json"));
        assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("channel").asText()).isEqualTo("mail");
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
        assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void forgedFromOfAnAgencyIsRefusedWithoutJudgement() throws Exception {
        MimeMessage forged = MailClient.report(MZ, "<forged@agency.hub.local>", "Отчёт", MailClient.attachment(
                "report.xml", Files.readAllBytes(Path.of(System.getProperty("hub.config-dir")).getParent()
                        .resolve("schemas/examples/valid/03-mz-2022.xml")), "application/xml"));
        forged.addHeader("Authentication-Results", "mx.evil.example; dkim=pass header.d=agency.hub.local");
        MailClient.send(hub, forged, null);

        MimeMessage refusal = replyTo("<forged@agency.hub.local>");
        assertThat(text(refusal)).contains("SENDER_NOT_AUTHENTICATED");
        assertThat(MailClient.attachmentsOf(refusal)).isEmpty();
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
    }

    /** The hub's reply to a mail, found in MZ's mailbox by its In-Reply-To. */
    private static MimeMessage replyTo(String messageId) {
        return MailClient.replyTo(hub, "mz", messageId);
    }

    private static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        return content instanceof String s ? s : (String) ((Multipart) content).getBodyPart(0).getContent();
    }
}
