package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.connectors.identity.Credentials;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.gov.safework.connectors.identity.LoginThrottle;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo setup of issue 5's "Done when": {@code hub.mail.embedded=true}, a mail sent with the real
 * {@code curl} binary (logged in as the agency: SMTP AUTH) to the embedded SMTP port reaches the intake, and the
 * agency finds the reply with an ACCEPTED receipt in its own mailbox, logging in over IMAP with its login and demo
 * password. And what the embedded server's SMTP AUTH stamp proves and does not.
 */
class EmbeddedMailServerTest {
    private static final String MZ_PASSWORD = "mz-demo";
    private CamelContext camel;
    private FakePipeline pipeline;
    private int smtpPort;
    private int imapPort;
    private final List<String> lockouts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHubWithEmbeddedMail() throws Exception {
        smtpPort = freePort();
        imapPort = freePort();
        Properties props = new Properties();
        props.setProperty("hub.mail.embedded", "true");
        props.setProperty("hub.mail.embedded.smtp-port", Integer.toString(smtpPort));
        props.setProperty("hub.mail.embedded.imap-port", Integer.toString(imapPort));
        props.setProperty("hub.mail.embedded.hub-password", "hub-demo");
        props.setProperty("hub.mail.imap.poll-delay", "100");
        props.setProperty("hub.intake.uri", "direct:intake");
        props.setProperty("hub.receipts.mail.uri", "seda:receipts-mail");
        Properties logins = new Properties();
        logins.setProperty("mz", MZ_PASSWORD);
        logins.setProperty("akimat-astana", "astana-demo");

        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(props);
        MailBeans beans = new MailBeans(MailFixture.REFERENCE, MailFixture.newDatabase(), Clock.systemUTC(),
                MailBeans.imapPoll(Clock.systemUTC()), MailFixture.SIGNER);
        new MailConfiguration(beans, Credentials.of(logins).throttledBy(new LoginThrottle(Clock.systemUTC(),
                3, Duration.ofMinutes(5), (channel, login, until) -> lockouts.add(channel + ":" + login))), null)
                .configure(camel);
        camel.addRoutes(new MailIntakeRoutes(beans));
        camel.addRoutes(new MailReceiptRoutes(beans));
        pipeline = new FakePipeline();
        camel.addRoutes(pipeline);
        camel.start();
    }

    @AfterEach
    void stopHub() {
        camel.stop();
    }

    @Test
    void mailSentWithCurlToTheEmbeddedServerIsAnsweredWithAnAcceptedReceiptInTheAgencyMailbox(@TempDir Path dir)
            throws Exception {
        Path eml = dir.resolve("mail.eml");
        Files.writeString(eml, """
                From: Ministry of Health <mz@agency.hub.local>\r
                To: reports@hub.local\r
                Subject: Report 2024\r
                Message-ID: <curl-1@agency.hub.local>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Report attached.\r
                --b\r
                Content-Type: application/xml\r
                Content-Transfer-Encoding: base64\r
                Content-Disposition: attachment; filename="report.xml"\r
                \r
                %s\r
                --b--\r
                """.formatted(Base64.getMimeEncoder().encodeToString(TestMails.REPORT_XML)), StandardCharsets.US_ASCII);

        Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--url", "smtp://127.0.0.1:" + smtpPort,
                "--user", "mz:" + MZ_PASSWORD,
                "--mail-from", MZ, "--mail-rcpt", MailSettings.EMBEDDED_HUB_ADDRESS, "-T", eml.toString())
                .redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String curlOutput = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.exitValue()).as("curl said: %s", curlOutput).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> !pipeline.envelopes.isEmpty());
        assertThat(pipeline.envelopes).singleElement()
                .satisfies(e -> assertThat(e.header("swTransportId")).matches("<curl-1@agency\\.hub\\.local> [0-9a-f]{64}#1"));

        MimeMessage reply = await().atMost(Duration.ofSeconds(20)).until(() -> firstMailOf("mz", MZ_PASSWORD), m -> m != null);
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<curl-1@agency.hub.local>");
        Map<String, String> receipts = attachments(reply);
        assertThat(receipts).containsOnlyKeys("report.xml.receipt.json");
        assertThat(Json.mapper().readValue(receipts.get("report.xml.receipt.json"), Receipt.class).status())
                .isEqualTo(ReceiptStatus.ACCEPTED);
    }

    @Test
    void mailFromAnAgencyAddressWithoutSmtpLoginIsRefusedAndQuarantined() throws Exception {
        smtp(null, null, MZ, report("<no-login@agency.hub.local>", MZ, ""));

        assertRefusedAndQuarantined("mz", MZ_PASSWORD, "SENDER_NOT_AUTHENTICATED");
    }

    @Test
    void smtpLoginAsOneAgencyDoesNotProveAFromOfAnother() throws Exception {
        smtp("akimat-astana", "astana-demo", MZ, report("<astana-as-mz@agency.hub.local>", MZ, ""));

        assertRefusedAndQuarantined("mz", MZ_PASSWORD, "SENDER_NOT_AUTHENTICATED");
        assertThat(firstMailOf("akimat-astana", "astana-demo")).isNull();
    }

    @Test
    void refusedSmtpLoginProvesNothingEvenIfTheClientGoesOnSending() throws Exception {
        smtp("mz", "guess", MZ, report("<wrong-password@agency.hub.local>", MZ, ""));

        assertRefusedAndQuarantined("mz", MZ_PASSWORD, "SENDER_NOT_AUTHENTICATED");
    }

    @Test
    void authenticationResultsWrittenByTheClientInTheServersNameAreStripped() throws Exception {
        String forged = "Authentication-Results: " + MailSettings.EMBEDDED_AUTHSERV_ID + "; auth=pass smtp.auth=mz\r\n"
                + "Authentication-Results: " + MailSettings.EMBEDDED_AUTHSERV_ID + "; dkim=pass header.d=agency.hub.local\r\n";
        smtp(null, null, MZ, report("<forged-results@agency.hub.local>", MZ, forged));

        assertRefusedAndQuarantined("mz", MZ_PASSWORD, "SENDER_NOT_AUTHENTICATED");
        MimeMessage quarantined = firstMailOf(MailSettings.EMBEDDED_HUB_ADDRESS, "hub-demo", "Quarantine");
        assertThat(quarantined.getHeader("Authentication-Results"))
                .containsExactly(MailSettings.EMBEDDED_AUTHSERV_ID + "; auth=none");
    }

    @Test
    void smtpLoginAsTheAgencyIsStampedAndAccepted() throws Exception {
        smtp("mz", MZ_PASSWORD, MZ, report("<raw-login@agency.hub.local>", MZ, ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> !pipeline.envelopes.isEmpty());
        MimeMessage processed = await().atMost(Duration.ofSeconds(20))
                .until(() -> firstMailOf(MailSettings.EMBEDDED_HUB_ADDRESS, "hub-demo", "Processed"), m -> m != null);
        assertThat(processed.getHeader("Authentication-Results"))
                .containsExactly(MailSettings.EMBEDDED_AUTHSERV_ID + "; auth=pass smtp.auth=mz");
    }

    private void assertRefusedAndQuarantined(String login, String password, String code) throws Exception {
        MimeMessage reply = await().atMost(Duration.ofSeconds(20)).until(() -> firstMailOf(login, password), m -> m != null);
        assertThat(TestMails.text(reply)).contains(code);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> firstMailOf(MailSettings.EMBEDDED_HUB_ADDRESS, "hub-demo", "Quarantine") != null);
        assertThat(pipeline.envelopes).isEmpty();
    }

    /** A mail with one report attached, From {@code from}, with {@code extraHeaders} (CRLF-terminated lines). */
    private static String report(String messageId, String from, String extraHeaders) {
        return extraHeaders + "From: " + from + "\r\nTo: " + MailSettings.EMBEDDED_HUB_ADDRESS + "\r\nSubject: Report\r\n"
                + "Message-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/xml\r\n"
                + "Content-Disposition: attachment; filename=\"report.xml\"\r\n\r\n"
                + new String(TestMails.REPORT_XML, StandardCharsets.US_ASCII) + "\r\n--b--\r\n";
    }

    /**
     * Speaks SMTP itself, so that it can go on after a refused AUTH as a hostile client would: AUTH PLAIN when a
     * login is given (whatever the answer), then MAIL FROM, RCPT TO the hub, DATA.
     */
    private void smtp(String login, String password, String mailFrom, String data) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            expect(in, "220");
            command(out, in, "EHLO client.example", "250");
            if (login != null) {
                String plain = Base64.getEncoder().encodeToString(("\0" + login + "\0" + password)
                        .getBytes(StandardCharsets.UTF_8));
                command(out, in, "AUTH PLAIN " + plain, password.equals("guess") ? "535" : "235");
            }
            command(out, in, "MAIL FROM:<" + mailFrom + ">", "250");
            command(out, in, "RCPT TO:<" + MailSettings.EMBEDDED_HUB_ADDRESS + ">", "250");
            command(out, in, "DATA", "354");
            out.write(data.replace("\r\n.", "\r\n..") + "\r\n.\r\n");
            out.flush();
            expect(in, "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(Writer out, BufferedReader in, String line, String expected) throws IOException {
        out.write(line + "\r\n");
        out.flush();
        expect(in, expected);
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("SMTP reply").isNotNull();
        } while (line.length() > 3 && line.charAt(3) == '-');
        assertThat(line).startsWith(code);
    }

    @Test
    void agencyMailboxRefusesAWrongPassword() {
        assertThatThrownBy(() -> firstMailOf("mz", "guess")).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void agencyMailboxIsLockedAfterWrongPasswordsEvenForTheRightOne() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> firstMailOf("mz", "guess")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThatThrownBy(() -> firstMailOf("mz", MZ_PASSWORD)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(lockouts).containsExactly("mail:mz");
    }

    /** Logs in like a mail client and copies the first mail of the INBOX, or null when it is empty. */
    private MimeMessage firstMailOf(String login, String password) throws Exception {
        return firstMailOf(login, password, "INBOX");
    }

    /** The first mail of a folder, or null when it is empty or does not exist. */
    private MimeMessage firstMailOf(String login, String password, String folder) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, login, password);
        try {
            Folder inbox = store.getFolder(folder);
            if (!inbox.exists()) {
                return null;
            }
            inbox.open(Folder.READ_ONLY);
            try {
                if (inbox.getMessageCount() == 0) {
                    return null;
                }
                Message first = inbox.getMessage(1);
                return new MimeMessage((MimeMessage) first);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
