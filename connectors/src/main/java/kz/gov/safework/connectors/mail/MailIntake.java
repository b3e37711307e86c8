package kz.gov.safework.connectors.mail;

import jakarta.mail.FolderClosedException;
import kz.gov.safework.contract.LogText;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.MimeMessage;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.validation.ErrorCode;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code mail-intake} route: read the mail, decide what it is, and make one envelope per
 * document. The sender is looked up and its authentication checked on the mail's header alone, before any
 * attachment is opened; only then are the documents read, within the mail's limits. Envelope headers are
 * {@link EnvelopeHeaders}; the transport id is the mail's key ({@link MailKey}: Message-ID and SHA-256 of the raw
 * mail) plus the document's 1-based place in the mail, the same every time the mail is read, so a mail read again after a crash is recognised by the pipeline as a
 * redelivery.
 *
 * <p>Whatever goes wrong while reading one mail ends in a verdict, never in an exception: an exception would
 * leave the mail in the inbox to be read again at every poll, forever. The one exception is a lost connection
 * to the mail server, which says nothing about the mail.
 */
public record MailIntake(MailReader reader, SenderAuthentication authentication, Replies replies,
                         ReferenceData referenceData, MailReplyStore store, Clock clock) {
    /** Exchange property naming what the route does with the mail. */
    public static final String VERDICT = "swMailVerdict";
    /** Exchange property: why a mail is refused (for the reply and the log). */
    public static final String REASON = "swMailRefusal";

    /** What becomes of a mail. */
    public enum Verdict {
        /** Documents from an authenticated agency sender: to the pipeline. */
        DOCUMENTS,
        /** From no registered address: a polite refusal, nothing opened, to quarantine. */
        UNKNOWN_SENDER(true),
        /** From an agency's address, but not proven to be from it: a refusal, nothing opened, to quarantine. */
        SENDER_NOT_AUTHENTICATED(true),
        /** Over the mail's byte or entry limit: a refusal, to quarantine. */
        OVER_LIMIT(true),
        /** Could not be read at all: logged, not answered, to quarantine. */
        UNREADABLE(true),
        /** From an agency but without a document: a reply saying how to send one. */
        NO_DOCUMENT,
        /** A bounce or an auto-reply, or no usable From: never answered, so no mail loop. */
        IGNORE;

        private final boolean quarantined;

        Verdict() {
            this(false);
        }

        Verdict(boolean quarantined) {
            this.quarantined = quarantined;
        }

        /** Moved to the quarantine folder instead of the processed one: a refused mail, kept for a person to look at. */
        public boolean quarantined() {
            return quarantined;
        }
    }

    /** One envelope for {@code hub.intake}. */
    public record MailEnvelope(byte[] body, Map<String, Object> headers) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    /** Body: the raw jakarta.mail message from the consumer; afterwards the {@link InboundMail} (null if unreadable). */
    public void read(Exchange exchange) {
        Message raw = exchange.getIn(MailMessage.class).getOriginalMessage();
        InboundMail mail = null;
        Verdict verdict;
        String reason = null;
        try {
            MailReader.ReceivedMail received = reader.receive(raw, clock.instant());
            mail = received.header();
            verdict = decide(received);
            if (verdict == Verdict.DOCUMENTS) {
                try {
                    mail = reader.documents(received);
                    verdict = mail.documents().isEmpty() ? Verdict.NO_DOCUMENT : Verdict.DOCUMENTS;
                } catch (MailBudget.Exceeded e) {
                    verdict = Verdict.OVER_LIMIT;
                    reason = e.getMessage();
                }
            }
        } catch (Throwable e) { // NOPMD: one mail's failure, even an Error, must not stop the hub reading others
            if (lostConnection(e)) {
                // the mail server went away mid-read: nothing wrong with the mail, read it again at the next poll
                throw new RuntimeCamelException("Connection to the mailbox lost while reading a mail", e);
            }
            verdict = Verdict.UNREADABLE;
            // an exception's message may quote the mail: no line breaks of the sender's into the log
            reason = (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("\\p{Cntrl}", " ");
            LOG.error("Mail {} cannot be read; moved to the quarantine folder: {}",
                    mail == null ? "(no header)" : mail.messageId(), reason);
            LOG.debug("Why the mail cannot be read", e);
        }
        // A plain message from here on: a MailMessage copied into split exchanges would lazily
        // re-read the mail's headers wherever it travels.
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.setBody(mail);
        exchange.setIn(plain);
        exchange.setProperty(VERDICT, verdict);
        exchange.setProperty(REASON, reason);
        if (mail != null) {
            LOG.info("Mail {} from {}: {} ({} document(s), {} other attachment(s)){}", LogText.of(mail.messageId()),
                    LogText.of(mail.sender()), verdict, mail.documents().size(), mail.ignored().size(),
                    reason == null ? "" : ": " + LogText.of(reason));
        }
    }

    /** A failure of the connection to the mail server, anywhere in the cause chain (the mail itself is fine). */
    static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FolderClosedException || t instanceof StoreClosedException
                    || t instanceof SocketException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the exchange's mail is refused and goes to the quarantine folder. */
    public static boolean quarantined(Exchange exchange) {
        Verdict verdict = exchange.getProperty(VERDICT, Verdict.class);
        return verdict != null && verdict.quarantined();
    }

    /** Who sent the mail and whether that is proven, from its header alone: no attachment is opened here. */
    Verdict decide(MailReader.ReceivedMail received) {
        InboundMail mail = received.header();
        if (mail.sender() == null || mail.automated()) {
            return Verdict.IGNORE;
        }
        Optional<Agency> agency = referenceData.agencyByEmail(mail.sender());
        if (agency.isEmpty()) {
            return Verdict.UNKNOWN_SENDER;
        }
        Optional<String> proof = authentication.proof(received.authenticationResults(), mail.sender(), agency.get());
        if (proof.isEmpty()) {
            return Verdict.SENDER_NOT_AUTHENTICATED;
        }
        LOG.debug("Mail {}: sender {} proven by {}", mail.messageId(), mail.sender(), proof.get());
        return Verdict.DOCUMENTS; // until its documents are read within the limits (a too-large mail is not)
    }

    /**
     * Writes the refusal of a quarantined mail to the mail outbox (nothing when it is not answered). The outbox's
     * key is the mail's, so the same mail read again after a crash is not refused twice.
     */
    public void refusalReply(Exchange exchange) throws MessagingException {
        InboundMail mail = exchange.getIn().getBody(InboundMail.class);
        Verdict verdict = exchange.getProperty(VERDICT, Verdict.class);
        MimeMessage reply = switch (verdict) {
            case UNKNOWN_SENDER -> replies.unknownSender(OriginalMail.of(mail));
            case SENDER_NOT_AUTHENTICATED -> replies.refused(OriginalMail.of(mail), ErrorCode.SENDER_NOT_AUTHENTICATED,
                    null);
            case OVER_LIMIT -> replies.refused(OriginalMail.of(mail), ErrorCode.ARCHIVE_LIMIT_EXCEEDED,
                    exchange.getProperty(REASON, String.class));
            default -> null;
        };
        if (reply != null) {
            store.enqueue(mail.key().toString(), reply);
        }
    }

    /** Writes the "no document" answer to the mail outbox, once per mail. */
    public void noDocumentReply(Exchange exchange) throws MessagingException {
        InboundMail mail = exchange.getIn().getBody(InboundMail.class);
        store.enqueue(mail.key().toString(), replies.noDocument(OriginalMail.of(mail), mail.ignored()));
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
            // the mail's key, not its Message-ID alone: another mail reusing the id is judged on its own
            headers.put(EnvelopeHeaders.TRANSPORT_ID, mail.key() + "#" + index);
            if (document.fileName() != null) {
                headers.put(EnvelopeHeaders.FILE_NAME, document.fileName());
            }
            headers.put(EnvelopeHeaders.CONTENT_TYPE, document.contentType());
            headers.put(EnvelopeHeaders.RECEIVED_AT, mail.receivedAt().toString());
            headers.put(EnvelopeHeaders.REPLY_TO, mail.sender());
            headers.put(EnvelopeHeaders.CORRELATION, mail.key().toString());
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
