package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Test;

/**
 * The intake against a real IMAP server outside the JVM: Debian's Dovecot, started by {@code .ci/mail.sh},
 * which also places a mail from the MZ address with Dovecot's own {@code doveadm save}, its sender vouched for
 * by an {@code Authentication-Results} header in the name of the MTA the hub is told to trust. Replies go to a
 * GreenMail SMTP server. Without the script's {@code /tmp/safework-ci/mail.properties} it is skipped, in CI it fails
 * ({@link RequiredService}).
 */
class MailDovecotSystemTest {
    @Test
    void mailPlacedInDovecotBecomesAnEnvelopeIsMovedToProcessedAndIsAnswered() throws Exception {
        Properties dovecot = RequiredService.properties("mail.properties", ".ci/mail.sh");
        Properties overrides = new Properties();
        overrides.setProperty("hub.mail.imap.host", dovecot.getProperty("host"));
        overrides.setProperty("hub.mail.imap.port", dovecot.getProperty("port"));
        overrides.setProperty("hub.mail.imap.user", dovecot.getProperty("user"));
        overrides.setProperty("hub.mail.imap.password", dovecot.getProperty("password"));
        overrides.setProperty("hub.mail.imap.tls", "false");
        // the mail carries an Authentication-Results header with this id, as if written by the MTA before Dovecot
        assertThat(dovecot.getProperty("authservId")).as("authservId in mail.properties: run the current .ci/mail.sh")
                .isNotBlank();
        overrides.setProperty("hub.mail.trusted-authserv-id", dovecot.getProperty("authservId"));
        String messageId = dovecot.getProperty("messageId");
        if (count(dovecot, "INBOX") == 0) { // an earlier run consumed the mail the script placed: place it again
            Process place = new ProcessBuilder("sh", "-c", dovecot.getProperty("placeCommand")).inheritIO().start();
            assertThat(place.waitFor()).isZero();
        }
        assertThat(count(dovecot, "INBOX")).isEqualTo(1);
        int processedBefore = Math.max(0, count(dovecot, "Processed"));

        try (MailFixture hub = new MailFixture(overrides, null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !hub.envelopes().isEmpty());
            assertThat(hub.envelopes()).singleElement().satisfies(e -> {
                assertThat(e.header(EnvelopeHeaders.TRANSPORT_ID))
                        .matches(java.util.regex.Pattern.quote(messageId) + " [0-9a-f]{64}#1");
                assertThat(e.header(EnvelopeHeaders.FILE_NAME)).isEqualTo(dovecot.getProperty("fileName"));
                assertThat(e.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count(dovecot, "INBOX")).isZero();
                assertThat(count(dovecot, "Processed")).isEqualTo(processedBefore + 1);
            });
            await().untilAsserted(() -> assertThat(hub.inbox(dovecot.getProperty("sender"))).hasSize(1));
            MimeMessage reply = hub.inbox(dovecot.getProperty("sender")).get(0);
            assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(messageId);
            assertThat(reply.getSubject()).contains("Отчёт 2024");
            assertThat(attachments(reply)).containsOnlyKeys(dovecot.getProperty("fileName") + ".receipt.json");
        }
    }

    private static int count(Properties dovecot, String folderName) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect(dovecot.getProperty("host"), Integer.parseInt(dovecot.getProperty("port")),
                dovecot.getProperty("user"), dovecot.getProperty("password"));
        try {
            Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : -1;
        } finally {
            store.close();
        }
    }
}
