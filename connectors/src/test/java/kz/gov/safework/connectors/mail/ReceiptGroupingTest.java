package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static kz.gov.safework.connectors.mail.TestMails.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.junit.jupiter.api.Test;

/** The receipts of one mail are grouped in the database, so the one reply survives a hub restart. */
class ReceiptGroupingTest {
    private static final String MESSAGE_ID = "<grouping-1@client.agency.hub.local>";

    @Test
    void replyWaitsForEveryReceiptOfTheMailEvenAcrossARestart() throws Exception {
        DataSource database = MailFixture.newDatabase();
        new MailReplyStore(database, Clock.systemUTC()).recordInbound(new InboundMail(MailKey.parse(MESSAGE_ID), MZ, "Два отчёта",
                null, Instant.now(), false, List.of(), List.of()), "MZ", 2);

        try (MailFixture before = new MailFixture(new Properties(), database)) {
            sendReceipt(before, MESSAGE_ID, 2, 1, "one.xml");
            await().until(() -> receiptsStored(database) == 1);
            assertThat(before.inbox(MZ)).isEmpty();
        }

        try (MailFixture after = new MailFixture(new Properties(), database)) {
            sendReceipt(after, MESSAGE_ID, 2, 2, "two.xml");

            await().untilAsserted(() -> assertThat(after.inbox(MZ)).hasSize(1));
            MimeMessage reply = after.inbox(MZ).get(0);
            assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(MESSAGE_ID);
            assertThat(reply.getSubject()).contains("Два отчёта");
            assertThat(text(reply)).contains("1. one.xml — ПРИНЯТ", "2. two.xml — ACCEPTED");
            assertThat(attachments(reply)).containsOnlyKeys("one.xml.receipt.json", "two.xml.receipt.json");
        }
    }

    @Test
    void redeliveredReceiptDoesNotSendASecondReply() throws Exception {
        DataSource database = MailFixture.newDatabase();
        try (MailFixture hub = new MailFixture(new Properties(), database)) {
            sendReceipt(hub, MESSAGE_ID, 1, 1, "one.xml");
            await().untilAsserted(() -> assertThat(hub.inbox(MZ)).hasSize(1));

            sendReceipt(hub, MESSAGE_ID, 1, 1, "one.xml"); // redelivered after the reply went out
            sendReceipt(hub, "<grouping-2@client.agency.hub.local>", 1, 1, "later.xml");

            await().untilAsserted(() -> assertThat(hub.inbox(MZ)).hasSize(2));
            assertThat(hub.inbox(MZ)).extracting(m -> m.getHeader("In-Reply-To", null))
                    .containsExactly(MESSAGE_ID, "<grouping-2@client.agency.hub.local>");
        }
    }

    /** A receipt as the pipeline sends it: the envelope's sw* headers plus submission id and status. */
    private static void sendReceipt(MailFixture hub, String messageId, int size, int index, String fileName) {
        String json = "{\"submissionId\":\"s-" + index + "\",\"status\":\"ACCEPTED\",\"fileName\":\"" + fileName
                + "\",\"channel\":\"mail\",\"errors\":[]}";
        hub.camel.createProducerTemplate().sendBodyAndHeaders("seda:receipts-mail", json, Map.of(
                EnvelopeHeaders.CHANNEL, "mail",
                EnvelopeHeaders.AGENCY, "MZ",
                EnvelopeHeaders.CORRELATION, messageId,
                EnvelopeHeaders.REPLY_TO, MZ,
                EnvelopeHeaders.FILE_NAME, fileName,
                EnvelopeHeaders.BATCH_SIZE, Integer.toString(size),
                EnvelopeHeaders.BATCH_INDEX, Integer.toString(index),
                EnvelopeHeaders.SUBMISSION_ID, "s-" + index,
                EnvelopeHeaders.STATUS, "ACCEPTED"));
    }

    private static int receiptsStored(DataSource database) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mail_receipt")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
