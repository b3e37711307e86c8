package kz.gov.safework.cycle;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import kz.gov.safework.testing.MutableClock;

/** E-mail reminders through camel-mail to a real SMTP server (GreenMail), Russian and Kazakh intact. */
class EmailReminderTest {
    private final StoreFixture store = new StoreFixture("mail-" + UUID.randomUUID());
    private final MutableClock clock = new MutableClock(
            LocalDate.of(2022, 12, 21).atTime(10, 0).atZone(ZoneId.of("Asia/Almaty")).toInstant());
    private GreenMail smtp;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(CycleHub.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        context = CycleHub.start(store.dataSource, TestReference.create(), clock, CycleHub.freePort(), Map.of(
                CycleSetting.MAIL_URI.key(), "smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?from=hub@safework.test"),
                c -> { });
    }

    @AfterEach
    void stop() {
        context.stop();
        smtp.stop();
    }

    @Test
    void agencyWithAnAddressGetsItsReminderByMailInRussianKazakhAndEnglish() throws Exception {
        await().atMost(10, SECONDS).until(() -> smtp.getReceivedMessages().length == 3);
        MimeMessage mz = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipients(m).contains("mz@gov.test")).findFirst().orElseThrow();
        assertThat(mz.getFrom()[0].toString()).isEqualTo("hub@safework.test");
        assertThat(mz.getSubject()).contains("напоминание", "еске салу", "reminder", TestReference.PLAN, "2022");
        String body = (String) mz.getContent();
        assertThat(body).contains("Уважаемые коллеги (Министерство здравоохранения)",
                "п. 1 — Совершенствование законодательства в сфере безопасности труда",
                // Item 3 was due in 2021 and no report marked it completed: 2022 still asks for it.
                "п. 3 — Разработка концепции безопасного труда",
                "Құрметті әріптестер", "Келесі тармақтар бойынша мәліметтер түскен жоқ: 1, 3.",
                "Items still missing: 1, 3.",
                "10.01.2023");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(EmailReminderTest::recipients))
                .containsExactlyInAnyOrder("[mtszn@gov.test]", "[mz@gov.test]", "[akimat@astana.test]");
        assertThat(mz.getMessageID()).isEqualTo(ReminderOutbox.messageId(
                "reminder:" + TestReference.PLAN + ":2022:MZ:-20", "safework.test"));
    }

    @Test
    void whileTheSmtpServerIsDownRemindersWaitAndEachIsSentOnceWhenItIsBack() throws Exception {
        StoreFixture fresh = new StoreFixture("mail-down-" + UUID.randomUUID());
        int port = CycleHub.freePort();
        CamelContext down = CycleHub.start(fresh.dataSource, TestReference.create(), clock, CycleHub.freePort(), Map.of(
                CycleSetting.MAIL_URI.key(), "smtp://127.0.0.1:" + port + "?from=hub@safework.test&connectionTimeout=2000",
                CycleSetting.REMINDER_RETRY_DELAY.key(), "1000",
                CycleSetting.REMINDER_MAX_RETRY_DELAY.key(), "4000"), c -> { });
        GreenMail back = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            // Claimed into the outbox and refused: kept with the error, none delivered, none dropped.
            await().atMost(20, SECONDS).until(() -> fresh.count(
                    "SELECT COUNT(*) FROM cycle_reminder WHERE channel = 'EMAIL' AND attempts = 1 AND last_error IS NOT NULL") == 3);
            // The clock stands still, so nothing is tried again before its back-off is over.
            assertThat(new NotifyBuilder(down).fromRoute("cycle-outbox-relay").whenDone(3).create().matches(20, SECONDS)).isTrue();
            assertThat(fresh.count("SELECT COUNT(*) FROM cycle_reminder WHERE channel = 'EMAIL' AND attempts = 1")).isEqualTo(3);
            clock.advance(Duration.ofSeconds(1));
            await().atMost(20, SECONDS).until(() -> fresh.count(
                    "SELECT COUNT(*) FROM cycle_reminder WHERE channel = 'EMAIL' AND attempts = 2") == 3);
            assertThat(fresh.count("SELECT COUNT(*) FROM cycle_reminder WHERE channel = 'EMAIL' AND delivered_at IS NULL"))
                    .isEqualTo(3);

            back.start();
            clock.advance(Duration.ofSeconds(2)); // the second wait is doubled
            await().atMost(20, SECONDS).until(() -> fresh.count(
                    "SELECT COUNT(*) FROM cycle_reminder WHERE channel = 'EMAIL' AND delivered_at IS NULL") == 0);
            clock.advance(Duration.ofHours(1));
            assertThat(new NotifyBuilder(down).fromRoute("cycle-outbox-relay").whenDone(3).create().matches(20, SECONDS)).isTrue();
            assertThat(back.getReceivedMessages()).hasSize(3);
            assertThat(Arrays.stream(back.getReceivedMessages()).map(EmailReminderTest::messageId))
                    .allMatch(id -> id.matches("<reminder\\.[0-9a-f]{40}@safework\\.test>")).doesNotHaveDuplicates();
        } finally {
            down.stop();
            back.stop();
        }
    }

    @Test
    void aReminderKeepsItsMessageIdOnEveryAttempt() {
        assertThat(ReminderOutbox.messageId("reminder:P:2022:MZ:-20", "safework.test"))
                .isEqualTo(ReminderOutbox.messageId("reminder:P:2022:MZ:-20", "safework.test"))
                .isNotEqualTo(ReminderOutbox.messageId("reminder:P:2022:MZ:-5", "safework.test"))
                .endsWith("@safework.test>");
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
