package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.ASTANA;
import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.attachment;
import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static kz.gov.safework.connectors.mail.TestMails.entries;
import static kz.gov.safework.connectors.mail.TestMails.mail;
import static kz.gov.safework.connectors.mail.TestMails.text;
import static kz.gov.safework.connectors.mail.TestMails.xml;
import static kz.gov.safework.connectors.mail.TestMails.zip;
import static kz.gov.safework.connectors.mail.TestMails.zipOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import kz.gov.safework.contract.validation.ErrorCode;
import org.junit.jupiter.api.Test;

/** Mail in, receipts out, against GreenMail: every case of the email channel issue, each its own test. */
class MailIntakeTest extends SharedMailFixture {
    // ---- the normal case ----

    @Test
    void reportAttachmentBecomesOneEnvelopeAndGetsOneReplyWithItsReceipt() throws Exception {
        MimeMessage sent = mail("Минздрав <" + MZ + ">", "Отчёт за 2024 год", xml("report.xml"));
        hub.deliverToHub(sent);

        MimeMessage reply = awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).hasSize(1);
        FakePipeline.Envelope envelope = hub.envelopes().get(0);
        assertThat(envelope.body()).isEqualTo(TestMails.REPORT_XML);
        assertThat(envelope.header(EnvelopeHeaders.CHANNEL)).isEqualTo("mail");
        assertThat(envelope.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(envelope.header(EnvelopeHeaders.LOGIN)).isEqualTo("mz");
        // the mail's key: its Message-ID and the SHA-256 of the mail as the hub read it
        assertThat(envelope.header(EnvelopeHeaders.TRANSPORT_ID))
                .matches(java.util.regex.Pattern.quote(sent.getMessageID()) + " [0-9a-f]{64}#1");
        assertThat(envelope.header(EnvelopeHeaders.FILE_NAME)).isEqualTo("report.xml");
        assertThat(envelope.header(EnvelopeHeaders.CONTENT_TYPE)).isEqualTo("application/xml");
        assertThat(envelope.header(EnvelopeHeaders.REPLY_TO)).isEqualTo(MZ);
        assertThat(envelope.header(EnvelopeHeaders.CORRELATION) + "#1").isEqualTo(envelope.header(EnvelopeHeaders.TRANSPORT_ID));
        assertThat(envelope.header(EnvelopeHeaders.BATCH_SIZE)).isEqualTo("1");
        assertThat(envelope.header(EnvelopeHeaders.BATCH_INDEX)).isEqualTo("1");
        assertThat(Instant.parse(envelope.header(EnvelopeHeaders.RECEIVED_AT))).isBefore(Instant.now().plusSeconds(1));

        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(sent.getMessageID());
        assertThat(reply.getHeader("References", null)).contains(sent.getMessageID());
        assertThat(reply.getSubject()).contains("Отчёт за 2024 год");
        assertThat(TestMails.address(reply, Message.RecipientType.TO)).isEqualTo(MZ);
        assertThat(text(reply)).contains("report.xml — ПРИНЯТ", "report.xml — ACCEPTED");
        assertThat(attachments(reply)).containsOnlyKeys("report.xml.receipt.json");
        Receipt receipt = Json.mapper().readValue(attachments(reply).get("report.xml.receipt.json"), Receipt.class);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);

        await().untilAsserted(() -> {
            assertThat(hub.hubFolder("Processed")).hasSize(1);
            assertThat(hub.hubFolder("INBOX")).isEmpty();
        });
    }

    @Test
    void senderAddressIsComparedCaseInsensitively() throws Exception {
        hub.deliverToHub(mail("Акимат <AKIMAT-Astana@Agency.HUB.local>", "Отчёт", xml("report.xml")));

        awaitOneReplyTo(ASTANA);
        assertThat(hub.envelopes()).singleElement()
                .satisfies(e -> assertThat(e.header(EnvelopeHeaders.AGENCY)).isEqualTo("AKIMAT-ASTANA"));
    }

    @Test
    void rejectedDocumentIsListedWithItsErrorInBothLanguages() throws Exception {
        hub.deliverToHub(mail(MZ, "Два отчёта", xml("report.xml"), xml("bad-year.xml")));

        MimeMessage reply = awaitOneReplyTo(MZ);
        assertThat(text(reply)).contains("1. report.xml — ПРИНЯТ", "2. bad-year.xml — ОТКЛОНЁН",
                "2. bad-year.xml — REJECTED", "SCHEMA_VIOLATION: " + ErrorCode.SCHEMA_VIOLATION.messageRu(),
                "SCHEMA_VIOLATION: " + ErrorCode.SCHEMA_VIOLATION.messageEn());
        assertThat(attachments(reply)).containsOnlyKeys("report.xml.receipt.json", "bad-year.xml.receipt.json");
    }

    @Test
    void twentyAttachmentsMakeTwentyEnvelopesAndOneReply() throws Exception {
        hub.deliverToHub(mail(MZ, "Двадцать отчётов", TestMails.xmls(20).toArray(MimeBodyPart[]::new)));

        MimeMessage reply = awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).hasSize(20);
        assertThat(hub.envelopes()).extracting(e -> e.header(EnvelopeHeaders.BATCH_SIZE)).containsOnly("20");
        assertThat(hub.envelopes()).extracting(e -> e.header(EnvelopeHeaders.TRANSPORT_ID)).doesNotHaveDuplicates();
        assertThat(attachments(reply)).hasSize(20).containsKey("report-20.xml.receipt.json");
        assertThat(hub.inbox(MZ)).hasSize(1);
    }

    @Test
    void jsonAttachmentIsADocumentToo() throws Exception {
        hub.deliverToHub(mail(MZ, "JSON", attachment("report.json", TestMails.REPORT_JSON, "application/json")));

        awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).singleElement().satisfies(e -> {
            assertThat(e.body()).isEqualTo(TestMails.REPORT_JSON);
            assertThat(e.header(EnvelopeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        });
    }

    // ---- who may send ----

    @Test
    void unknownSenderGetsAPoliteBilingualRefusalAndNothingReachesThePipeline() throws Exception {
        hub.deliverToHub(mail("Someone <someone@example.org>", "Отчёт", xml("report.xml")));

        MimeMessage reply = awaitOneReplyTo("someone@example.org", "Quarantine");
        assertThat(text(reply)).contains("не принято", "someone@example.org не зарегистрирован",
                "was not accepted", "is not registered");
        assertThat(reply.getSubject()).contains("Отчёт");
        awaitMailMovedTo("Quarantine");
        assertThat(hub.envelopes()).isEmpty();
    }

    @Test
    void displayNameShowingAnAgencyAddressDoesNotMakeTheSenderThatAgency() throws Exception {
        hub.deliverToHub(mail("\"" + MZ + "\" <intruder@example.org>", "Отчёт", xml("report.xml")));

        MimeMessage reply = awaitOneReplyTo("intruder@example.org", "Quarantine");
        assertThat(text(reply)).contains("intruder@example.org не зарегистрирован");
        awaitMailMovedTo("Quarantine");
        assertThat(hub.envelopes()).isEmpty();
        assertThat(hub.inbox(MZ)).isEmpty();
    }

    @Test
    void forgedFromOfAnAgencyWithoutAuthenticationIsRefusedUnjudgedAndQuarantined() throws Exception {
        hub.deliverAsIs(mail(MZ, "Отчёт", xml("report.xml")));

        assertNotAuthenticated();
    }

    @Test
    void authenticationResultsFromAnUntrustedServerAreIgnored() throws Exception {
        MimeMessage forged = mail(MZ, "Отчёт", xml("report.xml"));
        forged.addHeader("Authentication-Results", "mx.evil.example; dkim=pass header.d=agency.hub.local; "
                + "spf=pass smtp.mailfrom=mz@agency.hub.local; dmarc=pass header.from=agency.hub.local");
        hub.deliverAsIs(forged);

        assertNotAuthenticated();
    }

    @Test
    void trustedDkimPassForAnotherDomainDoesNotProveTheSender() throws Exception {
        MimeMessage mail = mail(MZ, "Отчёт", xml("report.xml"));
        mail.addHeader("Authentication-Results", MailFixture.TRUSTED_AUTHSERV_ID + "; dkim=pass header.d=evil.example");
        hub.deliverAsIs(mail);

        assertNotAuthenticated();
    }

    @Test
    void trustedDkimPassAlignedWithTheSendersDomainIsAccepted() throws Exception {
        MimeMessage mail = mail(MZ, "Отчёт", xml("report.xml"));
        mail.addHeader("Authentication-Results", MailFixture.TRUSTED_AUTHSERV_ID + ";\r\n"
                + "\tdkim=pass (2048-bit key; unprotected) header.d=Agency.Hub.Local header.s=mail header.b=abc;\r\n"
                + "\tspf=softfail smtp.mailfrom=bounce@elsewhere.example");
        hub.deliverAsIs(mail);

        awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).singleElement()
                .satisfies(e -> assertThat(e.header(EnvelopeHeaders.AGENCY)).isEqualTo("MZ"));
    }

    private void assertNotAuthenticated() throws Exception {
        MimeMessage reply = awaitOneReplyTo(MZ, "Quarantine");
        assertThat(text(reply)).contains("не принято", "SENDER_NOT_AUTHENTICATED",
                ErrorCode.SENDER_NOT_AUTHENTICATED.messageRu(), ErrorCode.SENDER_NOT_AUTHENTICATED.messageEn());
        assertThat(attachments(reply)).isEmpty();
        assertThat(hub.envelopes()).isEmpty();
    }

    @Test
    void autoReplyIsNeitherProcessedNorAnswered() throws Exception {
        MimeMessage vacation = mail("vacation@example.org", "Out of office", xml("report.xml"));
        vacation.setHeader("Auto-Submitted", "auto-replied");
        vacation.saveChanges();
        hub.deliverToHub(vacation);

        awaitMailMovedToProcessed();
        assertThat(hub.envelopes()).isEmpty();
        assertThat(hub.greenMail.getUserManager().getUserByEmail("vacation@example.org")).isNull();
    }

    @Test
    void mailWithoutDocumentGetsAReplyExplainingHowToSendOne() throws Exception {
        hub.deliverToHub(mail(MZ, "Отчёт", attachment("scan.pdf", new byte[] {'%', 'P', 'D', 'F'}, "application/pdf")));

        MimeMessage reply = awaitOneReplyTo(MZ);
        assertThat(text(reply)).contains("не найдено ни одного документа", ".xml или .json",
                "No document was found", "an .xml or .json file", "scan.pdf");
        assertThat(hub.envelopes()).isEmpty();
        awaitMailMovedToProcessed();
    }

    // ---- archives ----

    @Test
    void eachDocumentInAZipIsOneEnvelope() throws Exception {
        byte[] archive = zipOf(entries("reports/", null, "reports/a.xml", TestMails.REPORT_XML,
                "reports/b.json", TestMails.REPORT_JSON, "readme.txt", "see attached".getBytes()));
        hub.deliverToHub(mail(MZ, "Архив", zip("reports.zip", archive)));

        MimeMessage reply = awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).extracting(e -> e.header(EnvelopeHeaders.FILE_NAME)).containsExactly("a.xml", "b.json");
        assertThat(hub.envelopes().get(1).body()).isEqualTo(TestMails.REPORT_JSON);
        assertThat(attachments(reply)).containsOnlyKeys("a.xml.receipt.json", "b.json.receipt.json");
    }

    @Test
    void zipWithAPathLeadingOutIsRejectedAsArchiveRejected() throws Exception {
        assertArchiveRejected(zipOf(entries("../../etc/report.xml", TestMails.REPORT_XML)));
    }

    @Test
    void zipWithAnAbsolutePathIsRejectedAsArchiveRejected() throws Exception {
        assertArchiveRejected(zipOf(entries("/tmp/report.xml", TestMails.REPORT_XML)));
    }

    @Test
    void zipInsideAZipIsRejectedAsArchiveRejected() throws Exception {
        byte[] inner = zipOf(entries("report.xml", TestMails.REPORT_XML));
        assertArchiveRejected(zipOf(entries("report.xml", TestMails.REPORT_XML, "more.zip", inner)));
    }

    @Test
    void zipHiddenBehindADocumentNameIsRejectedAsArchiveRejected() throws Exception {
        byte[] inner = zipOf(entries("report.xml", TestMails.REPORT_XML));
        assertArchiveRejected(zipOf(entries("report.xml", inner)));
    }

    @Test
    void zipWithMoreEntriesThanTheMailMayHoldRefusesTheWholeMail() throws Exception {
        Object[] many = new Object[2 * (MailFixture.MAX_ENTRIES + 1)];
        for (int i = 0; i <= MailFixture.MAX_ENTRIES; i++) {
            many[2 * i] = "r" + i + ".xml";
            many[2 * i + 1] = TestMails.REPORT_XML;
        }
        assertMailOverLimit(zipOf(entries(many)));
    }

    @Test
    void zipInflatingPastTheMailsByteLimitRefusesTheWholeMail() throws Exception {
        assertMailOverLimit(zipOf(entries("huge.xml", new byte[200_000]))); // the fixture allows 64 KiB per mail
    }

    @Test
    void mailLargerThanTheByteLimitIsNotDownloadedAndIsRefusedWhole() throws Exception {
        byte[] forty = new byte[40_000]; // two of them, base64-encoded: over the fixture's 64 KiB per mail
        hub.deliverToHub(mail(MZ, "Два больших", attachment("a.xml", forty, "application/xml"),
                attachment("b.xml", forty, "application/xml")));

        MimeMessage reply = awaitOneReplyTo(MZ, "Quarantine");
        assertThat(text(reply)).contains("ARCHIVE_LIMIT_EXCEEDED", ErrorCode.ARCHIVE_LIMIT_EXCEEDED.messageEn(),
                "the mail is larger than " + MailFixture.MAX_MAIL_BYTES + " bytes");
        assertThat(reply.getHeader("In-Reply-To", null)).isNotBlank();
        assertThat(hub.envelopes()).isEmpty();
    }

    private void assertMailOverLimit(byte[] archive) throws Exception {
        hub.deliverToHub(mail(MZ, "Архив", zip("reports.zip", archive)));

        MimeMessage reply = awaitOneReplyTo(MZ, "Quarantine");
        assertThat(text(reply)).contains("не принято", "ARCHIVE_LIMIT_EXCEEDED", ErrorCode.ARCHIVE_LIMIT_EXCEEDED.messageRu(),
                ErrorCode.ARCHIVE_LIMIT_EXCEEDED.messageEn());
        assertThat(attachments(reply)).isEmpty();
        assertThat(hub.envelopes()).isEmpty();
    }

    @Test
    void attachmentNamedZipThatIsNoZipIsRejectedAsArchiveRejected() throws Exception {
        assertArchiveRejected("this is not an archive".getBytes());
    }

    private void assertArchiveRejected(byte[] archive) throws Exception {
        hub.deliverToHub(mail(MZ, "Архив", zip("reports.zip", archive)));

        MimeMessage reply = awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).singleElement().satisfies(e -> {
            assertThat(e.header(EnvelopeHeaders.ADAPTER_ERROR)).isEqualTo(ErrorCode.ARCHIVE_REJECTED.name());
            assertThat(e.header(EnvelopeHeaders.FILE_NAME)).isEqualTo("reports.zip");
            assertThat(e.body()).isEqualTo(archive);
        });
        assertThat(text(reply)).contains("reports.zip — ОТКЛОНЁН", "ARCHIVE_REJECTED");
        assertThat(attachments(reply)).containsOnlyKeys("reports.zip.receipt.json");
    }

    // ---- safety and delivery guarantees ----

    @Test
    void headersWrittenInTheMailNeverBecomeCamelHeaders() throws Exception {
        MimeMessage sent = mail(MZ, "Отчёт", xml("report.xml"));
        sent.setHeader("CamelFileName", "../../evil.xml");
        sent.setHeader("cAmElHttpUri", "http://evil.example/");
        sent.setHeader("mail.smtp.host", "evil.example");
        sent.setHeader("moveTo", "Trash");
        sent.setHeader("delete", "true");
        sent.saveChanges();
        hub.deliverToHub(sent);

        awaitOneReplyTo(MZ);
        assertThat(hub.envelopes()).singleElement().satisfies(e -> {
            assertThat(e.headers().keySet()).allMatch(name -> name.startsWith("sw"));
            assertThat(e.header(EnvelopeHeaders.FILE_NAME)).isEqualTo("report.xml");
        });
        awaitMailMovedToProcessed();
        assertThat(hub.hubFolder("Trash")).isEmpty();
    }

    @Test
    void mailStaysInTheInboxUntilEveryEnvelopeIsSentAndIsReadAgainWithTheSameTransportIds() throws Exception {
        hub.pipeline.failAttempt.set(2); // the second document's first send fails, as if the broker were down
        MimeMessage sent = mail(MZ, "Два отчёта", xml("one.xml"), xml("two.xml"));
        hub.deliverToHub(sent);

        MimeMessage reply = awaitOneReplyTo(MZ);
        String key = hub.envelopes().get(0).header(EnvelopeHeaders.CORRELATION);
        assertThat(key).startsWith(sent.getMessageID() + " ");
        assertThat(hub.envelopes()).extracting(e -> e.header(EnvelopeHeaders.TRANSPORT_ID))
                .containsExactly(key + "#1", key + "#1", key + "#2");
        assertThat(attachments(reply)).containsOnlyKeys("one.xml.receipt.json", "two.xml.receipt.json");
        awaitMailMovedToProcessed();
        assertThat(hub.inbox(MZ)).hasSize(1);
    }

    // ---- identity: Message-ID + SHA-256 of the mail ----

    @Test
    void twoDifferentMailsWithOneMessageIdAreEachJudgedAndAnsweredOnTheirOwn() throws Exception {
        MimeMessage first = mail(MZ, "Первый", xml("first.xml"));
        first.setHeader("Message-ID", "<reused@agency.hub.local>");
        MimeMessage second = mail(MZ, "Второй", xml("second.xml"));
        second.setHeader("Message-ID", "<reused@agency.hub.local>");
        hub.deliverToHub(first);
        hub.deliverToHub(second);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(hub.inbox(MZ)).hasSize(2));
        assertThat(hub.envelopes()).extracting(e -> e.header(EnvelopeHeaders.TRANSPORT_ID)).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("<reused@agency.hub.local> "));
        assertThat(hub.inbox(MZ)).extracting(m -> m.getHeader("In-Reply-To", null)).containsOnly("<reused@agency.hub.local>");
        assertThat(hub.inbox(MZ)).extracting(m -> attachments(m).keySet())
                .containsExactlyInAnyOrder(java.util.Set.of("first.xml.receipt.json"), java.util.Set.of("second.xml.receipt.json"));
        assertThat(hub.inbox(MZ)).extracting(MimeMessage::getMessageID).doesNotHaveDuplicates();
    }

    @Test
    void theSameMailDeliveredTwiceIsOneMailWithOneReply() throws Exception {
        byte[] raw = OutgoingMail.bytes(mail(MZ, "Отчёт", xml("report.xml")));
        hub.deliverAsIs(MailFixture.parse(withTrustedSender(raw)));
        awaitOneReplyTo(MZ);
        hub.deliverAsIs(MailFixture.parse(withTrustedSender(raw)));

        await().untilAsserted(() -> assertThat(hub.hubFolder("Processed")).hasSize(2));
        assertThat(hub.envelopes()).hasSize(2).extracting(e -> e.header(EnvelopeHeaders.TRANSPORT_ID))
                .containsOnly(hub.envelopes().get(0).header(EnvelopeHeaders.TRANSPORT_ID));
        // the second reading's receipt finds the mail answered: no second reply, now or later
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hub.inbox(MZ)).hasSize(1));
    }

    @Test
    void replyCarriesAMessageIdDerivedFromTheMailsKey() throws Exception {
        hub.deliverToHub(mail(MZ, "Отчёт", xml("report.xml")));

        MimeMessage reply = awaitOneReplyTo(MZ);
        MailKey key = MailKey.parse(hub.envelopes().get(0).header(EnvelopeHeaders.CORRELATION));
        assertThat(reply.getMessageID()).isEqualTo(key.derivedMessageId("reply", MailFixture.HUB))
                .matches("<reply\\.[0-9a-f]{40}@hub\\.local>");
    }

    @Test
    void aReplyDueWhileTheSmtpServerIsDownIsSentOnceItIsBack() throws Exception {
        int smtpPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        Properties overrides = new Properties();
        overrides.setProperty("hub.mail.smtp.port", Integer.toString(smtpPort));
        overrides.setProperty("hub.mail.outbox.retry-delay", "200");
        overrides.setProperty("hub.mail.outbox.max-retry-delay", "400");
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (MailFixture down = new MailFixture(overrides, null)) {
            down.deliverToHub(mail(MZ, "Отчёт", xml("report.xml")));
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox(down, "attempts >= 2 AND last_error IS NOT NULL") == 1);
            assertThat(outbox(down, "sent_at IS NULL")).isEqualTo(1);

            smtp.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox(down, "sent_at IS NOT NULL") == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> smtp.getReceivedMessages().length == 1);
            MimeMessage reply = smtp.getReceivedMessages()[0];
            assertThat(attachments(reply)).containsOnlyKeys("report.xml.receipt.json");
            assertThat(reply.getMessageID()).isEqualTo(MailKey.parse(down.envelopes().get(0)
                    .header(EnvelopeHeaders.CORRELATION)).derivedMessageId("reply", MailFixture.HUB));
        } finally {
            smtp.stop();
        }
    }

    private static int outbox(MailFixture hub, String condition) throws Exception {
        try (java.sql.Connection c = hub.dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mail_outbox WHERE " + condition)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The raw mail with the trusted server's word on its sender, as {@link MailFixture#deliverToHub} adds it. */
    private static byte[] withTrustedSender(byte[] raw) {
        String header = AuthenticationResults.HEADER + ": " + MailFixture.TRUSTED_AUTHSERV_ID
                + "; dkim=pass header.d=agency.hub.local\r\n";
        byte[] head = header.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + raw.length);
        System.arraycopy(raw, 0, all, head.length, raw.length);
        return all;
    }

    private MimeMessage awaitOneReplyTo(String address) {
        return awaitOneReplyTo(address, "Processed");
    }

    private MimeMessage awaitOneReplyTo(String address, String movedTo) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hub.greenMail.getUserManager().getUserByEmail(address)).isNotNull();
            assertThat(hub.inbox(address)).isNotEmpty();
        });
        awaitMailMovedTo(movedTo);
        List<MimeMessage> inbox = hub.inboxQuietly(address);
        assertThat(inbox).hasSize(1);
        return inbox.get(0);
    }

    /** Each test ends only once the consumer has moved the mail, so the next test starts from a quiet mailbox. */
    private void awaitMailMovedToProcessed() {
        awaitMailMovedTo("Processed");
    }

    private void awaitMailMovedTo(String folder) {
        await().untilAsserted(() -> {
            assertThat(hub.hubFolder(folder)).hasSize(1);
            assertThat(hub.hubFolder("INBOX")).isEmpty();
        });
        assertThat(hub.hubFolder(folder.equals("Processed") ? "Quarantine" : "Processed")).isEmpty();
    }
}
