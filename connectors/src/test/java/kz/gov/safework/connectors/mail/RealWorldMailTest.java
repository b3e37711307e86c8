package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.MailFixture.MZ;
import static kz.gov.safework.connectors.mail.TestMails.REPORT_XML;
import static kz.gov.safework.connectors.mail.TestMails.attachments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.junit.jupiter.api.Test;

/**
 * Mails as real clients write them (Outlook, Thunderbird, The Bat!, webmail forwarding), written out byte by
 * byte so the encodings under test are exactly those on the wire.
 */
class RealWorldMailTest extends SharedMailFixture {
    private static final byte[] CYRILLIC_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <progressReport><agency>MZ</agency><note>Исполнено в срок — «Безопасный труд»</note></progressReport>
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void rfc2047EncodedSubjectIsDecodedAndNamedInTheReply() throws Exception {
        deliver(headers("=?UTF-8?B?0J7RgtGH0ZHRgiDQnNC40L3Qt9C00YDQsNCy0LAg0LfQsCAyMDI0INCz0L7QtA==?="),
                mixed(textPart("utf-8", "8bit", "Отчёт во вложении".getBytes(StandardCharsets.UTF_8)),
                        base64Attachment("attachment; filename=\"report.xml\"", REPORT_XML)));

        MimeMessage reply = awaitReply();
        assertThat(reply.getSubject()).contains("Отчёт Минздрава за 2024 год");
    }

    @Test
    void rfc2231CyrillicAttachmentNameIsDecoded() throws Exception {
        deliver(headers("Report"), mixed(textPart("utf-8", "8bit", "-".getBytes()),
                base64Attachment("attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82-2024.xml", REPORT_XML)));

        MimeMessage reply = awaitReply();
        assertThat(fileNames()).containsExactly("отчёт-2024.xml");
        assertThat(attachments(reply)).containsOnlyKeys("отчёт-2024.xml.receipt.json");
    }

    @Test
    void rfc2231CyrillicAttachmentNameSplitIntoContinuationsIsDecoded() throws Exception {
        deliver(headers("Report"), mixed(textPart("utf-8", "8bit", "-".getBytes()),
                base64Attachment("attachment;\r\n filename*0*=UTF-8''%D0%BE%D1%82%D1%87;\r\n filename*1*=%D1%91%D1%82-2024.xml",
                        REPORT_XML)));

        awaitReply();
        assertThat(fileNames()).containsExactly("отчёт-2024.xml");
    }

    @Test
    void rfc2047EncodedAttachmentNameAsOutlookWritesItIsDecoded() throws Exception {
        deliver(headers("Report"), mixed(textPart("utf-8", "8bit", "-".getBytes()),
                base64Attachment("attachment; filename=\"=?UTF-8?B?0L7RgtGH0ZHRgi54bWw=?=\"", REPORT_XML)));

        awaitReply();
        assertThat(fileNames()).containsExactly("отчёт.xml");
    }

    @Test
    void quotedPrintableAttachmentIsDecodedToItsExactBytes() throws Exception {
        String part = "Content-Type: application/xml; name=\"report.xml\"\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "Content-Disposition: attachment; filename=\"report.xml\"\r\n\r\n"
                + new String(encode(CYRILLIC_XML, "quoted-printable"), StandardCharsets.US_ASCII);
        deliver(headers("Report"), mixed(textPart("utf-8", "8bit", "-".getBytes()), part.getBytes(StandardCharsets.US_ASCII)));

        awaitReply();
        // quoted-printable is for text: its line breaks are canonical CRLF once decoded (RFC 2045 6.7)
        byte[] crlf = new String(CYRILLIC_XML, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(hub.envelopes()).singleElement().satisfies(e -> assertThat(e.body()).isEqualTo(crlf));
    }

    @Test
    void base64AttachmentIsDecodedToItsExactBytes() throws Exception {
        deliver(headers("Report"), mixed(textPart("utf-8", "8bit", "-".getBytes()),
                base64Attachment("attachment; filename=\"report.xml\"", CYRILLIC_XML)));

        awaitReply();
        assertThat(hub.envelopes()).singleElement().satisfies(e -> assertThat(e.body()).isEqualTo(CYRILLIC_XML));
    }

    @Test
    void windows1251BodyDoesNotDisturbTheAttachment() throws Exception {
        Charset cp1251 = Charset.forName("windows-1251");
        deliver(headers("Report"), mixed(textPart("windows-1251", "8bit", "Добрый день! Отчёт во вложении.".getBytes(cp1251)),
                base64Attachment("attachment; filename=\"report.xml\"", REPORT_XML)));

        awaitReply();
        assertThat(fileNames()).containsExactly("report.xml");
    }

    @Test
    void koi8rBodyDoesNotDisturbTheAttachment() throws Exception {
        Charset koi8r = Charset.forName("KOI8-R");
        deliver(headers("=?KOI8-R?B?" + Base64.getEncoder().encodeToString("Отчёт".getBytes(koi8r)) + "?="),
                mixed(textPart("koi8-r", "8bit", "Добрый день! Отчёт во вложении.".getBytes(koi8r)),
                        base64Attachment("attachment; filename=\"report.xml\"", REPORT_XML)));

        MimeMessage reply = awaitReply();
        assertThat(reply.getSubject()).contains("Отчёт");
        assertThat(fileNames()).containsExactly("report.xml");
    }

    @Test
    void forwardedMailCarryingTheReportIsRead() throws Exception {
        byte[] original = concat(headers("Original").getBytes(StandardCharsets.US_ASCII),
                multipart("mixed", "inner-boundary", textPart("utf-8", "8bit", "оригинал".getBytes(StandardCharsets.UTF_8)),
                        base64Attachment("attachment; filename=\"forwarded.xml\"", REPORT_XML)));
        byte[] forwardedPart = concat("Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), original);
        deliver(headers("Fwd: Отчёт"), mixed(textPart("utf-8", "8bit", "Пересылаю".getBytes(StandardCharsets.UTF_8)),
                forwardedPart));

        awaitReply();
        assertThat(fileNames()).containsExactly("forwarded.xml");
    }

    @Test
    void reportInsideNestedMultipartsIsFound() throws Exception {
        byte[] alternative = multipart("alternative", "alt-boundary",
                textPart("utf-8", "8bit", "text".getBytes()),
                "Content-Type: text/html; charset=utf-8\r\n\r\n<p>text</p>".getBytes(StandardCharsets.US_ASCII));
        byte[] related = multipart("related", "rel-boundary", alternative,
                base64Attachment("attachment; filename=\"deep.json\"", TestMails.REPORT_JSON));
        deliver(headers("Report"), mixed(related, base64Attachment("attachment; filename=\"top.xml\"", REPORT_XML)));

        awaitReply();
        assertThat(fileNames()).containsExactly("deep.json", "top.xml");
    }

    @Test
    void mailWithABrokenMultipartIsAnsweredOnceInsteadOfBeingRetriedForever() throws Exception {
        byte[] broken = ("Content-Type: multipart/mixed; boundary=\"never-used\"\r\n\r\n"
                + "no boundary line follows\r\n").getBytes(StandardCharsets.US_ASCII);
        deliver(headers("Report"), broken);

        MimeMessage reply = awaitReply();
        assertThat(TestMails.text(reply)).contains("No document was found", "unreadable part");
        assertThat(hub.envelopes()).isEmpty();
    }

    // ---- helpers ----

    private void deliver(String headers, byte[] body) throws Exception {
        hub.deliverToHub(MailFixture.parse(concat(headers.getBytes(StandardCharsets.US_ASCII), body)));
    }

    private static String headers(String encodedSubject) {
        return "From: =?UTF-8?B?0JzQuNC90LfQtNGA0LDQsg==?= <" + MZ + ">\r\n"
                + "To: " + MailFixture.HUB + "\r\n"
                + "Subject: " + encodedSubject + "\r\n"
                + "Message-ID: <" + System.nanoTime() + "@client.agency.hub.local>\r\n"
                + "Date: Tue, 09 Jan 2024 10:00:00 +0600\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    /** A multipart/mixed body (its Content-Type header included) of the given parts. */
    private static byte[] mixed(byte[]... parts) {
        return multipart("mixed", "mixed-boundary", parts);
    }

    private static byte[] multipart(String subtype, String boundary, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("Content-Type: multipart/" + subtype + "; boundary=\"" + boundary + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] textPart(String charset, String encoding, byte[] text) {
        return concat(("Content-Type: text/plain; charset=" + charset + "\r\nContent-Transfer-Encoding: " + encoding
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), text);
    }

    private static byte[] base64Attachment(String disposition, byte[] content) {
        return ("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: " + disposition + "\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(content)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] encode(byte[] content, String encoding) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoder = MimeUtility.encode(out, encoding)) {
            encoder.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private List<String> fileNames() {
        return hub.envelopes().stream().map(e -> e.header(EnvelopeHeaders.FILE_NAME)).toList();
    }

    private MimeMessage awaitReply() {
        await().untilAsserted(() -> {
            assertThat(hub.inbox(MZ)).hasSize(1);
            assertThat(hub.hubFolder("Processed")).hasSize(1);
            assertThat(hub.hubFolder("INBOX")).isEmpty();
        });
        return hub.inboxQuietly(MZ).get(0);
    }
}
