package kz.gov.safework.cycle;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
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
                CycleProperties.MAIL_URI, "smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?from=hub@safework.test"),
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
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
