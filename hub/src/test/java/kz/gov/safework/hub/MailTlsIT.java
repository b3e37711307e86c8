package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub reading a real mailbox over IMAPS and replying over SMTPS (GreenMail behind TLS, with a
 * certificate from a CA made by the test): the hub trusts the server through hub.tls.truststore, and refuses
 * a server whose certificate is for another host name or comes from a CA it does not trust.
 */
class MailTlsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB_MAILBOX = "reports@hub.test";
    private static final String MAILBOX_PASSWORD = "mailbox-secret";
    private static final String AGENCY_ADDRESS = "akimat-astana@agency.hub.local";

    @TempDir
    static Path data;
    static TestPki pki;
    static SSLContext goodServer;
    static GreenMail mail;
    static TlsProxy imaps;
    static TlsProxy smtps;
    static HubProcess hub;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(data.resolve("pki"), "mail");
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(HubProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(HubProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(HUB_MAILBOX, HUB_MAILBOX, MAILBOX_PASSWORD);
        goodServer = pki.serverContext(pki.serverKeystore("mail", "127.0.0.1", "localhost"));
        imaps = new TlsProxy(mail.getImap().getPort(), goodServer);
        smtps = new TlsProxy(mail.getSmtp().getPort(), goodServer);
        hub = new HubProcess(data.resolve("hub"), Map.ofEntries(
                Map.entry("hub.mail.embedded", "false"),
                Map.entry("hub.mail.imap.enabled", "true"),
                Map.entry("hub.mail.imap.host", "127.0.0.1"),
                Map.entry("hub.mail.imap.port", Integer.toString(imaps.port())),
                Map.entry("hub.mail.imap.user", HUB_MAILBOX),
                Map.entry("hub.mail.imap.password", MAILBOX_PASSWORD),
                Map.entry("hub.mail.imap.tls", "true"),
                Map.entry("hub.mail.imap.poll-delay", "1000"),
                Map.entry("hub.mail.smtp.host", "127.0.0.1"),
                Map.entry("hub.mail.smtp.port", Integer.toString(smtps.port())),
                Map.entry("hub.mail.smtp.tls", "true"),
                Map.entry("hub.mail.from", HUB_MAILBOX),
                Map.entry("hub.tls.truststore", pki.truststore().toString()),
                Map.entry("hub.tls.truststore-password", TestPki.PASSWORD))).start();
    }

    @AfterAll
    static void stop() throws Exception {
        HubProcess.closeAll(hub, imaps, smtps);
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void readsOverImapsAndRepliesOverSmtpsTrustingTheConfiguredCa() throws Exception {
        String subject = "report " + Reports.newId();
        GreenMailUtil.sendAttachmentEmail(HUB_MAILBOX, AGENCY_ADDRESS, subject, "Report attached.",
                Reports.akimatAstana(Reports.newId()).getBytes(StandardCharsets.UTF_8), "application/json",
                "report.json", "report", mail.getSmtp().getServerSetup());

        // The reply can only exist if the hub read the mail over IMAPS and sent over SMTPS.
        MimeMessage reply = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> replyTo(subject), Optional::isPresent).orElseThrow();
        assertThat(reply.getSubject()).contains(subject);
        assertThat(reply.getFrom()[0].toString()).contains(HUB_MAILBOX);
    }

    @Test
    void refusesAMailServerWhoseCertificateNamesAnotherHostOrComesFromAnUntrustedCa() throws Exception {
        TestPki rogue = new TestPki(data.resolve("rogue"), "rogue");
        try {
            imaps.present(pki.serverContext(pki.serverKeystore("mail", "mail.example.org")));
            awaitImap("DOWN");
            imaps.present(goodServer);
            awaitImap("UP");
            imaps.present(rogue.serverContext(rogue.serverKeystore("mail", "127.0.0.1", "localhost")));
            awaitImap("DOWN");
        } finally {
            imaps.present(goodServer);
        }
        awaitImap("UP");
    }

    private static void awaitImap(String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> health = hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/observe/health")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
                if (check.path("name").asText().equals("mail-imap")) {
                    return check.path("state").asText().equals(state);
                }
            }
            return false;
        });
    }

    private static Optional<MimeMessage> replyTo(String subject) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(AGENCY_ADDRESS))
                        && m.getSubject() != null && m.getSubject().contains(subject)
                        && m.getFrom()[0].toString().contains(HUB_MAILBOX);
            } catch (Exception e) {
                return false;
            }
        }).findFirst();
    }
}
