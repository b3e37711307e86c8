package kz.gov.safework.connectors.mail;

import kz.gov.safework.contract.LogText;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code mail-intake} route: read the mail, decide what it is, and make one envelope per
 * document. Envelope headers are {@link EnvelopeHeaders}; the transport id is the Message-ID plus the
 * document's 1-based place in the mail, the same every time the mail is read, so a mail read again after a
 * crash is recognised by the pipeline as a redelivery.
 */
public final class MailIntake {
    /** Exchange property naming what the route does with the mail. */
    public static final String VERDICT = "swMailVerdict";

    /** What becomes of a mail. */
    public enum Verdict {
        /** Documents from a registered agency address: to the pipeline. */
        DOCUMENTS,
        /** From no registered address: a polite refusal, nothing processed. */
        UNKNOWN_SENDER,
        /** From an agency but without a document: a reply saying how to send one. */
        NO_DOCUMENT,
        /** A bounce or an auto-reply, or no usable From: never answered, so no mail loop. */
        IGNORE
    }

    /** One envelope for {@code hub.intake}. */
    public record MailEnvelope(byte[] body, Map<String, Object> headers) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    private final MailReader reader;
    private final Replies replies;
    private final ReferenceData referenceData;
    private final MailReplyStore store;
    private final Clock clock;

    public MailIntake(MailReader reader, Replies replies, ReferenceData referenceData, MailReplyStore store, Clock clock) {
        this.reader = reader;
        this.replies = replies;
        this.referenceData = referenceData;
        this.store = store;
        this.clock = clock;
    }

    /** Body: the raw jakarta.mail message from the consumer; afterwards the {@link InboundMail}. */
    public void read(Exchange exchange) throws MessagingException, IOException {
        Message raw = exchange.getIn(MailMessage.class).getOriginalMessage();
        InboundMail mail = reader.read(raw, clock.instant());
        // A plain message from here on: a MailMessage copied into split exchanges would lazily
        // re-read the mail's headers wherever it travels.
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.setBody(mail);
        exchange.setIn(plain);
        Verdict verdict = decide(mail);
        exchange.setProperty(VERDICT, verdict);
        LOG.info("Mail {} from {}: {} ({} document(s), {} other attachment(s))", LogText.of(mail.messageId()),
                LogText.of(mail.sender()),
                verdict, mail.documents().size(), mail.ignored().size());
    }

    Verdict decide(InboundMail mail) {
        if (mail.sender() == null || mail.automated()) {
            return Verdict.IGNORE;
        }
        if (referenceData.agencyByEmail(mail.sender()).isEmpty()) {
            return Verdict.UNKNOWN_SENDER;
        }
        return mail.documents().isEmpty() ? Verdict.NO_DOCUMENT : Verdict.DOCUMENTS;
    }

    public void unknownSenderReply(Exchange exchange) throws MessagingException {
        InboundMail mail = exchange.getIn().getBody(InboundMail.class);
        exchange.getIn().setBody(replies.unknownSender(OriginalMail.of(mail)));
    }

    public void noDocumentReply(Exchange exchange) throws MessagingException {
        InboundMail mail = exchange.getIn().getBody(InboundMail.class);
        exchange.getIn().setBody(replies.noDocument(OriginalMail.of(mail), mail.ignored()));
    }

    /** Remembers the mail for its reply, then makes the body its envelopes (the splitter's input). */
    public void toEnvelopes(Exchange exchange) {
        InboundMail mail = exchange.getIn().getBody(InboundMail.class);
        Agency agency = referenceData.agencyByEmail(mail.sender()).orElseThrow();
        store.recordInbound(mail, agency.code(), mail.documents().size());
        exchange.getIn().setBody(envelopesOf(mail, agency));
    }

    static List<MailEnvelope> envelopesOf(InboundMail mail, Agency agency) {
        List<MailDocument> documents = mail.documents();
        List<MailEnvelope> envelopes = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            MailDocument document = documents.get(i);
            int index = i + 1;
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(EnvelopeHeaders.CHANNEL, Channel.MAIL.id());
            headers.put(EnvelopeHeaders.AGENCY, agency.code());
            headers.put(EnvelopeHeaders.LOGIN, agency.login());
            headers.put(EnvelopeHeaders.TRANSPORT_ID, mail.messageId() + "#" + index);
            if (document.fileName() != null) {
                headers.put(EnvelopeHeaders.FILE_NAME, document.fileName());
            }
            headers.put(EnvelopeHeaders.CONTENT_TYPE, document.contentType());
            headers.put(EnvelopeHeaders.RECEIVED_AT, mail.receivedAt().toString());
            headers.put(EnvelopeHeaders.REPLY_TO, mail.sender());
            headers.put(EnvelopeHeaders.CORRELATION, mail.messageId());
            headers.put(EnvelopeHeaders.BATCH_SIZE, documents.size());
            headers.put(EnvelopeHeaders.BATCH_INDEX, index);
            if (document.adapterError() != null) {
                headers.put(EnvelopeHeaders.ADAPTER_ERROR, document.adapterError().name());
                LOG.warn("Mail {}: archive {} refused: {}", LogText.of(mail.messageId()), LogText.of(document.fileName()),
                        LogText.of(document.detail()));
            }
            envelopes.add(new MailEnvelope(document.bytes(), headers));
        }
        return envelopes;
    }

    /** Inside the splitter: the envelope becomes the message sent to {@code hub.intake}. */
    public static void toMessage(Exchange exchange) {
        MailEnvelope envelope = exchange.getIn().getBody(MailEnvelope.class);
        DefaultMessage message = new DefaultMessage(exchange);
        message.setHeaders(new LinkedHashMap<>(envelope.headers()));
        message.setBody(envelope.body());
        exchange.setIn(message);
    }
}
