package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading a mail on its own: identity of the mail and of its sender. */
class MailReaderTest {
    private final MailReader reader = new MailReader(new MailLimits(65_536, 10));
    private final Instant now = Instant.parse("2025-01-09T10:00:00Z");

    @Test
    void mailWithoutMessageIdGetsTheSameSyntheticIdEachTimeItIsRead() throws Exception {
        byte[] raw = mail("From: mz@agency.hub.local\r\n");

        InboundMail first = reader.read(raw, now);
        InboundMail again = reader.read(raw, now.plusSeconds(60));

        assertThat(first.messageId()).startsWith("<").endsWith("@no-message-id.hub.local>").isEqualTo(again.messageId());
    }

    @Test
    void senderIsTheBareAddressNotTheDisplayName() throws Exception {
        InboundMail mail = reader.read(mail("From: \"mz@agency.hub.local\" <intruder@example.org>\r\n"), now);

        assertThat(mail.sender()).isEqualTo("intruder@example.org");
    }

    @Test
    void mailFromTwoAddressesHasNoSender() throws Exception {
        InboundMail mail = reader.read(mail("From: mz@agency.hub.local, intruder@example.org\r\n"), now);

        assertThat(mail.sender()).isNull();
    }

    @Test
    void bounceFromMailerDaemonIsAutomated() throws Exception {
        InboundMail mail = reader.read(mail("From: MAILER-DAEMON@agency.hub.local\r\n"), now);

        assertThat(mail.automated()).isTrue();
    }

    @Test
    void attachmentNameCannotCarryAPath() throws Exception {
        byte[] raw = ("From: mz@agency.hub.local\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: application/xml\r\nContent-Disposition: attachment; filename=\"..\\\\..\\\\win\\\\report.xml\"\r\n\r\n"
                + "<r/>\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);

        InboundMail mail = reader.read(raw, now);

        assertThat(mail.documents()).singleElement().satisfies(d -> assertThat(d.fileName()).isEqualTo("report.xml"));
    }

    private static byte[] mail(String from) {
        return (from + "To: reports@hub.local\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nno attachment\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
