package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static kz.gov.safework.connectors.mail.TestMails.text;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import kz.gov.safework.testing.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mail outbox and its relay, against H2 and a stand-in SMTP endpoint that can refuse: a reply is written
 * once with the receipt that completes its mail, sent with the Message-ID derived from the mail's key, kept and
 * retried with back-off while the server refuses, and sent once it accepts; a mail short of receipts is answered
 * after the wait with the missing documents named.
 */
class MailOutboxTest {
    private static final String KEY = "<outbox-1@agency.hub.local> " + "ab".repeat(32);
    private static final MailSettings.Outbox SETTINGS = new MailSettings.Outbox(1000, 5000, 60_000, 3_600_000);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final List<MimeMessage> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    /** What the stand-in server throws while it refuses: by default a server that cannot be reached. */
    private final java.util.concurrent.atomic.AtomicReference<Exception> refusal = new java.util.concurrent.atomic
            .AtomicReference<>(new jakarta.mail.MessagingException("Connection refused (test)"));
    private DataSource database;
    private CamelContext camel;
    private MailReplyStore store;
    private Replies replies;
    private MailOutbox outbox;

    @BeforeEach
    void start() throws Exception {
        database = database();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:smtp").process(e -> {
                    attempts.incrementAndGet();
                    if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw refusal.get();
                    }
                    accepted.add(e.getIn().getBody(MimeMessage.class));
                });
            }
        });
        camel.start();
        store = new MailReplyStore(database, clock);
        replies = new Replies(MailFixture.HUB, clock, MailFixture.SIGNER);
        outbox = new MailOutbox(store, replies, camel.createProducerTemplate(), "direct:smtp", SETTINGS, clock);
    }

    /** The database the mail migrations run on: H2 here, PostgreSQL in {@link MailOutboxPostgresTest}. */
    DataSource database() throws Exception {
        return MailFixture.newDatabase();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /**
     * A one-document reply whose first send is refused at RCPT TO with the server's {@code code} and {@code answer},
     * wrapped as the mail provider reports an address failure (inside the send's failure); the send after it is
     * accepted.
     */
    private void firstSendRefusedAtRcptTo(String address, int code, String answer) throws Exception {
        refusal.set(new jakarta.mail.SendFailedException("Invalid Addresses", new org.eclipse.angus.mail.smtp
                .SMTPAddressFailedException(new jakarta.mail.internet.InternetAddress(address),
                        "RCPT TO:<" + address + ">", code, answer)));
        refusals.set(1);
        collect(1, 1, "one.xml");
        assertThat(outbox.drain()).isZero();
    }

    @Test
    void replyIsWrittenWithTheLastReceiptAndSentOnceWithItsDerivedMessageId() throws Exception {
        assertThat(collect(2, 1, "one.xml")).isFalse();
        assertThat(outbox.drain()).isZero();
        assertThat(collect(2, 2, "two.xml")).isTrue();
        assertThat(collect(2, 2, "two.xml")).isFalse(); // redelivered receipt: no second reply

        assertThat(outbox.drain()).isEqualTo(1);
        assertThat(outbox.drain()).isZero();
        assertThat(accepted).singleElement().satisfies(reply -> {
            assertThat(reply.getMessageID()).isEqualTo(MailKey.parse(KEY).derivedMessageId("reply", MailFixture.HUB));
            assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<outbox-1@agency.hub.local>");
            assertThat(attachments(reply)).containsOnlyKeys("one.xml.receipt.json", "two.xml.receipt.json");
        });
    }

    @Test
    void eachAttachedReceiptHasTheHubsSignatureOverItsExactBytesBesideIt() throws Exception {
        collect(1, 1, "отчёт.xml");
        assertThat(outbox.drain()).isEqualTo(1);
        MimeMessage reply = accepted.get(0);
        Map<String, String> receipts = attachments(reply);
        assertThat(TestMails.signatures(reply)).containsOnlyKeys("отчёт.xml.receipt.json")
                .containsEntry("отчёт.xml.receipt.json", MailFixture.SIGNER.sign(
                        receipts.get("отчёт.xml.receipt.json").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var multipart = (jakarta.mail.Multipart) reply.getContent();
        assertThat(multipart.getBodyPart(2).getFileName()).isEqualTo("отчёт.xml.receipt.json.sig");
        assertThat(multipart.getBodyPart(2).getContentType()).startsWith("application/jose");
    }

    @Test
    void aRefusingServerDelaysTheReplyWithBackOffAndNeverDropsIt() throws Exception {
        refusals.set(2);
        collect(1, 1, "one.xml");

        assertThat(outbox.drain()).isZero();
        assertThat(row("attempts")).isEqualTo("1");
        assertThat(row("last_error")).contains("Connection refused");
        assertThat(outbox.drain()).as("not before its back-off").isZero();
        assertThat(refusals.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(outbox.drain()).isZero(); // refused again: the next wait is doubled
        clock.advance(Duration.ofSeconds(9));
        assertThat(outbox.drain()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.drain()).isEqualTo(1);
        assertThat(accepted).hasSize(1);
        assertThat(row("sent_at")).isNotNull();
        clock.advance(Duration.ofHours(1));
        assertThat(outbox.drain()).isZero();
    }

    /**
     * "550 no such user" as the mail provider reports it (an address failure inside the send's failure): retrying
     * would be refused the same way for ever, so the reply is kept as undeliverable with the server's answer.
     */
    @Test
    void aReplyTheServerRefusesForGoodIsKeptAsUndeliverableAndNotTriedAgain() throws Exception {
        firstSendRefusedAtRcptTo("nobody@agency.example", 550, "550 5.1.1 <nobody@agency.example>: user unknown");

        assertThat(row("undeliverable_at")).isNotNull();
        assertThat(row("last_error")).contains("Invalid Addresses");
        assertThat(row("attempts")).isEqualTo("1");
        clock.advance(Duration.ofDays(1));
        assertThat(outbox.drain()).isZero();
        assertThat(attempts).as("sends tried").hasValue(1);
        assertThat(row("sent_at")).isNull();
    }

    /** A 4xx answer ("try later") is not for good: the reply is retried as when the server is down. */
    @Test
    void aReplyTheServerRefusesForNowIsTriedAgain() throws Exception {
        firstSendRefusedAtRcptTo("busy@agency.example", 451, "451 4.3.0 mailbox busy, try later");

        assertThat(row("undeliverable_at")).isNull();
        clock.advance(Duration.ofSeconds(5));
        assertThat(outbox.drain()).isEqualTo(1);
        assertThat(attempts).as("sends tried").hasValue(2);
    }

    @Test
    void backOffDoublesUpToTheMaximum() {
        assertThat(outbox.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbox.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(outbox.backoff(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(outbox.backoff(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(outbox.backoff(500)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aMailShortOfReceiptsIsAnsweredAfterTheWaitWithTheMissingOnesNamed() throws Exception {
        collect(3, 2, "two.xml");
        clock.advance(Duration.ofMinutes(59));
        assertThat(outbox.drain()).isZero();

        clock.advance(Duration.ofMinutes(2));
        assertThat(outbox.drain()).isEqualTo(1);
        MimeMessage reply = accepted.get(0);
        assertThat(text(reply)).contains("2. two.xml — ACCEPTED", "1. document 1 — NOT JUDGED",
                "3. документ 3 — НЕ РАССМОТРЕН");
        assertThat(attachments(reply)).containsOnlyKeys("two.xml.receipt.json");

        assertThat(collect(3, 1, "one.xml")).as("a late receipt: the mail is answered").isFalse();
        clock.advance(Duration.ofHours(2));
        assertThat(outbox.drain()).isZero();
        assertThat(accepted).hasSize(1);
    }

    @Test
    void aSecondReplyUnderTheSameMailKeyIsDropped() throws Exception {
        OriginalMail original = new OriginalMail(MailKey.parse(KEY), MZ, "Отчёт", null);
        assertThat(store.enqueue(KEY, replies.noDocument(original, List.of()))).isTrue();
        assertThat(store.enqueue(KEY, replies.noDocument(original, List.of()))).isFalse();
        assertThat(outbox.drain()).isEqualTo(1);
        assertThat(accepted).hasSize(1);
    }

    private boolean collect(int size, int index, String fileName) {
        String json = "{\"submissionId\":\"s-" + index + "\",\"status\":\"ACCEPTED\",\"fileName\":\"" + fileName
                + "\",\"channel\":\"mail\",\"errors\":[]}";
        return store.collect(KEY, MZ, "MZ", size, new MailReceipt(index, fileName, "ACCEPTED", json), replies::receipts);
    }

    private String row(String column) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM mail_outbox")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
