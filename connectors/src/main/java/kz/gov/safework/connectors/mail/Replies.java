package kz.gov.safework.connectors.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * The hub's answers by mail, each a reply to the original ({@code In-Reply-To}, {@code References}, a
 * subject naming it), in Russian then English, marked {@code Auto-Submitted: auto-replied} so well-behaved
 * auto-responders do not answer back.
 */
public final class Replies {
    private static final String UTF8 = StandardCharsets.UTF_8.name();
    private static final String SIGNATURE = """

            --
            Хаб отчётности «Безопасный труд» (МТСЗН РК) / Safe Labour reporting hub (MTSZN, Kazakhstan)
            Это автоматическое сообщение. / This message was sent automatically.
            """;

    private final String hubAddress;
    private final HubSigner signer;
    private final Clock clock;
    private final Session session;

    public Replies(String hubAddress, Clock clock, HubSigner signer) {
        this.signer = signer;
        this.hubAddress = hubAddress;
        this.clock = clock;
        Properties props = new Properties();
        // Message-IDs are made from this address, not from a lookup of the host name.
        props.setProperty("mail.from", hubAddress);
        this.session = Session.getInstance(props);
    }

    public MimeMessage unknownSender(OriginalMail original) throws MessagingException {
        String text = """
                Здравствуйте!

                Ваше письмо «%1$s» не принято: адрес %2$s не зарегистрирован ни за одним органом в хабе \
                отчётности. Отчёты принимаются только с адресов, указанных в справочнике органов. \
                Если адрес должен быть зарегистрирован, обратитесь к оператору хаба.

                Hello,

                Your mail "%1$s" was not accepted: the address %2$s is not registered for any agency in the \
                reporting hub. Reports are accepted only from the addresses listed in the agency register. \
                If this address should be registered, please contact the hub operator.
                """.formatted(subjectOrPlaceholder(original), original.sender());
        return reply(original, "не принято / not accepted", text + SIGNATURE);
    }

    /**
     * A mail refused as a whole, before any document in it was judged: the code with its Russian and English text,
     * what the sender can do about it, and the detail when there is one (a limit, never a header of the mail).
     */
    public MimeMessage refused(OriginalMail original, ErrorCode code, String detail) throws MessagingException {
        String what = switch (code) {
            case SENDER_NOT_AUTHENTICATED -> """
                    Письмо принимается от органа, только если его подлинность подтверждена: подписью DKIM или \
                    проверкой SPF/DMARC домена отправителя на почтовом сервере хаба, либо входом SMTP под учётной \
                    записью органа. Попросите администратора вашей почты включить подпись DKIM.
                    / A mail counts as an agency's only when its sender is proven: by a DKIM signature or an SPF/DMARC \
                    check of the sender's domain on the hub's mail server, or by an SMTP login as the agency. Ask \
                    your mail administrator to enable DKIM signing.
                    """;
            case ARCHIVE_LIMIT_EXCEEDED -> """
                    Разделите документы на несколько писем. / Split the documents over several mails.
                    """;
            default -> "";
        };
        String text = """
                Здравствуйте!

                Ваше письмо «%1$s» не принято, ни один документ из него не рассмотрен.
                %2$s: %3$s

                Hello,

                Your mail "%1$s" was not accepted; no document in it was looked at.
                %2$s: %4$s

                %5$s%6$s""".formatted(subjectOrPlaceholder(original), code.name(), code.messageRu(), code.messageEn(),
                what, detail == null || detail.isBlank() ? "" : "\n(" + detail + ")\n");
        return reply(original, "не принято / not accepted", text + SIGNATURE);
    }

    public MimeMessage noDocument(OriginalMail original, List<String> ignored) throws MessagingException {
        String seen = ignored.isEmpty() ? "" : """

                Вложения, не являющиеся документами / Attachments that are not documents: %s
                """.formatted(String.join(", ", ignored));
        String text = """
                Здравствуйте!

                В письме «%1$s» не найдено ни одного документа, поэтому ничего не принято. \
                Приложите отчёт как файл .xml или .json (можно несколько файлов или один архив .zip с ними) \
                и отправьте письмо снова. Текст письма не обрабатывается.

                Hello,

                No document was found in your mail "%1$s", so nothing was accepted. \
                Attach the report as an .xml or .json file (several files, or one .zip archive holding them, \
                are fine) and send the mail again. The text of the mail is not read.
                """.formatted(subjectOrPlaceholder(original));
        return reply(original, "нет документа / no document", text + seen + SIGNATURE);
    }

    /** The one reply per mail: a line per document in the body, and each receipt attached as JSON. */
    public MimeMessage receipts(OriginalMail original, List<MailReceipt> receipts) throws MessagingException {
        return receipts(original, receipts, receipts.size());
    }

    /**
     * The one reply per mail of {@code documents} documents: a line per document in the body (a document with no
     * receipt yet is named as not judged), and each receipt attached as JSON.
     */
    public MimeMessage receipts(OriginalMail original, List<MailReceipt> receipts, int documents)
            throws MessagingException {
        StringBuilder ru = new StringBuilder();
        StringBuilder en = new StringBuilder();
        Set<Integer> answered = new HashSet<>();
        receipts.forEach(r -> answered.add(r.index()));
        for (int index = 1; index <= documents; index++) {
            if (!answered.contains(index)) {
                ru.append(index).append(". документ ").append(index).append(" — НЕ РАССМОТРЕН: ")
                        .append("квитанции нет, документ передан оператору хаба\n");
                en.append(index).append(". document ").append(index).append(" — NOT JUDGED: ")
                        .append("no receipt, the document is with the hub's operator\n");
            }
        }
        for (MailReceipt r : receipts) {
            Summary s = Summary.of(r);
            ru.append(r.index()).append(". ").append(s.fileName).append(" — ").append(s.statusRu).append('\n');
            en.append(r.index()).append(". ").append(s.fileName).append(" — ").append(s.status).append('\n');
            for (ValidationError e : s.errors) {
                String at = e.path() == null || e.path().isEmpty() ? "" : " (" + e.path() + ")";
                ru.append("   - ").append(e.code()).append(": ").append(e.message()).append(at).append('\n');
                en.append("   - ").append(e.code()).append(": ").append(e.messageEn()).append(at).append('\n');
            }
            if (s.submissionId != null) {
                ru.append("   № подачи: ").append(s.submissionId).append('\n');
                en.append("   submission id: ").append(s.submissionId).append('\n');
            }
        }
        String text = """
                Здравствуйте!

                Результаты обработки документов из письма «%1$s»:

                %2$s
                Квитанции приложены к этому письму в формате JSON.

                Hello,

                Results for the documents in your mail "%1$s":

                %3$s
                The receipts are attached to this mail as JSON.
                """.formatted(subjectOrPlaceholder(original), ru, en);

        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text + SIGNATURE, UTF8);
        mixed.addBodyPart(body);
        Set<String> names = new HashSet<>();
        for (MailReceipt r : receipts) {
            MimeBodyPart attachment = new MimeBodyPart();
            byte[] bytes = r.json().getBytes(StandardCharsets.UTF_8);
            attachment.setContent(bytes, "application/json; charset=UTF-8");
            attachment.setHeader("Content-Type", "application/json; charset=UTF-8");
            String name = (r.fileName() == null ? "document-" + r.index() : r.fileName()) + ".receipt.json";
            if (!names.add(name)) {
                name = r.index() + "-" + name; // two attachments of one mail may share a name
                names.add(name);
            }
            attachment.setFileName(name);
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(attachment);
            // The hub's detached JWS over exactly the attached bytes, beside the receipt.
            MimeBodyPart signature = new MimeBodyPart();
            signature.setContent(signer.sign(bytes).getBytes(StandardCharsets.US_ASCII), "application/jose");
            signature.setHeader("Content-Type", "application/jose");
            signature.setFileName(name + HubSigner.SIGNATURE_SUFFIX);
            signature.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(signature);
        }
        MimeMessage reply = skeleton(original, "квитанции / receipts");
        reply.setContent(mixed);
        reply.saveChanges();
        return reply;
    }

    private MimeMessage reply(OriginalMail original, String tag, String text) throws MessagingException {
        MimeMessage reply = skeleton(original, tag);
        reply.setText(text, UTF8);
        reply.saveChanges();
        return reply;
    }

    private MimeMessage skeleton(OriginalMail original, String tag) throws MessagingException {
        // One reply per mail: its Message-ID follows from the mail's key, the same on every attempt.
        MimeMessage reply = new OutgoingMail(session, original.key().derivedMessageId("reply", hubAddress));
        reply.setFrom(new InternetAddress(hubAddress));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(original.sender()));
        reply.setSubject("Re: " + subjectOrPlaceholder(original) + " [" + tag + "]", UTF8);
        reply.setSentDate(Date.from(clock.instant()));
        reply.setHeader("In-Reply-To", original.messageId());
        String references = original.references() == null || original.references().isBlank()
                ? original.messageId()
                : original.references().trim() + " " + original.messageId();
        reply.setHeader("References", references);
        reply.setHeader("Auto-Submitted", "auto-replied");
        return reply;
    }

    private static String subjectOrPlaceholder(OriginalMail original) {
        return original.subject() == null || original.subject().isBlank() ? "(без темы / no subject)" : original.subject();
    }

    /** What the body says of one receipt, read tolerantly: a receipt that does not parse still gets its line. */
    private record Summary(String fileName, String status, String statusRu, List<ValidationError> errors,
                           String submissionId) {
        static Summary of(MailReceipt r) {
            String status = r.status();
            List<ValidationError> errors = List.of();
            String submissionId = null;
            try {
                Receipt receipt = Json.mapper().readValue(r.json(), Receipt.class);
                if (receipt.status() != null) {
                    status = receipt.status().name();
                }
                errors = receipt.errors();
                submissionId = receipt.submissionId();
            } catch (JsonProcessingException | RuntimeException e) {
                errors = List.of();
            }
            String name = r.fileName() == null ? "document " + r.index() : r.fileName();
            String label = status == null ? "UNKNOWN" : status;
            return new Summary(name, label, statusRu(label), errors, submissionId);
        }

        private static String statusRu(String status) {
            return switch (status) {
                case "ACCEPTED" -> "ПРИНЯТ";
                case "REJECTED" -> "ОТКЛОНЁН";
                case "DUPLICATE" -> "ПОВТОР (уже получен ранее)";
                default -> status;
            };
        }
    }
}
