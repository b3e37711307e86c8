package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static kz.gov.safework.connectors.mail.TestMails.mail;
import static kz.gov.safework.connectors.mail.TestMails.text;
import static kz.gov.safework.connectors.mail.TestMails.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.testing.Zips;
import org.junit.jupiter.api.Test;

/**
 * The per-mail limits at their defaults (50 MiB, 1,000 entries) against the mails of issue 19: a zip bomb of
 * 40 zips of 100 entries of 512 KiB of zeros (2,000 MiB inflated, about 3 MB as mailed) and 20 zips of 1,000
 * small entries. Each is refused once, as a whole, and moved to quarantine; nothing reaches the pipeline.
 */
class MailLimitsTest extends SharedMailFixture {
    @Override
    MailFixture newFixture() throws Exception {
        Properties defaults = new Properties();
        defaults.setProperty("hub.mail.max-mail-bytes", Long.toString(50L * 1024 * 1024));
        defaults.setProperty("hub.mail.max-entries", "1000");
        return new MailFixture(defaults, null);
    }

    @Test
    void zipBombFromAnAgencyIsRefusedOnceAndQuarantined() throws Exception {
        hub.deliverToHub(mail(MZ, "Отчёты", zips(40, 100, 512 * 1024)));

        MimeMessage reply = awaitOneReplyAndQuarantine(MZ);
        assertThat(text(reply)).contains("ARCHIVE_LIMIT_EXCEEDED", ErrorCode.ARCHIVE_LIMIT_EXCEEDED.messageEn(),
                "52428800 bytes");
        assertThat(attachments(reply)).isEmpty();
    }

    @Test
    void zipBombFromAnUnknownSenderIsRefusedForItsSenderWithoutOpeningIt() throws Exception {
        hub.deliverToHub(mail("someone@example.org", "Отчёты", zips(40, 100, 512 * 1024)));

        MimeMessage reply = awaitOneReplyAndQuarantine("someone@example.org");
        assertThat(text(reply)).contains("someone@example.org не зарегистрирован").doesNotContain("ARCHIVE_LIMIT_EXCEEDED");
    }

    @Test
    void zipBombWithAForgedAgencySenderIsRefusedForItsSenderWithoutOpeningIt() throws Exception {
        hub.deliverAsIs(mail(MZ, "Отчёты", zips(40, 100, 512 * 1024)));

        MimeMessage reply = awaitOneReplyAndQuarantine(MZ);
        assertThat(text(reply)).contains("SENDER_NOT_AUTHENTICATED").doesNotContain("ARCHIVE_LIMIT_EXCEEDED");
    }

    @Test
    void twentyZipsOfAThousandSmallEntriesAreOverTheEntryLimit() throws Exception {
        hub.deliverToHub(mail(MZ, "Много файлов", zips(20, 1000, 16)));

        MimeMessage reply = awaitOneReplyAndQuarantine(MZ);
        assertThat(text(reply)).contains("ARCHIVE_LIMIT_EXCEEDED", "more than 1000 attachments and archive entries");
    }

    private MimeMessage awaitOneReplyAndQuarantine(String address) throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hub.greenMail.getUserManager().getUserByEmail(address)).isNotNull();
            assertThat(hub.inbox(address)).isNotEmpty();
            assertThat(hub.hubFolder("Quarantine")).hasSize(1);
            assertThat(hub.hubFolder("INBOX")).isEmpty();
        });
        assertThat(hub.hubFolder("Processed")).isEmpty();
        assertThat(hub.envelopes()).isEmpty();
        List<MimeMessage> replies = hub.inbox(address);
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    /** {@code count} zips of {@code entries} report-named entries of {@code size} zero bytes each. */
    static MimeBodyPart[] zips(int count, int entries, int size) throws Exception {
        byte[] archive = Zips.ofZeros(entries, size);
        List<MimeBodyPart> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            parts.add(zip("reports-" + i + ".zip", archive));
        }
        return parts.toArray(MimeBodyPart[]::new);
    }
}
