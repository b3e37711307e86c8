package kz.gov.safework.connectors.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.envelope.StreamedBody;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.validation.ErrorCode;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;

/**
 * Turns a message from {@code reports.in} into an envelope: a new Camel message (no JMS message behind it) with the
 * raw bytes as body and the {@link EnvelopeHeaders}, nothing else but the broker's {@link #DELIVERY_COUNT}. The sender
 * is the user the broker authenticated, stamped by {@link SenderStampPlugin} over anything the sender set. Text
 * messages are taken as UTF-8 bytes (the JMS API gives a text only whole, as a String: it cannot be streamed); bytes
 * messages as they are, those over 1 MiB as a {@link StreamedBody} that Artemis streams from the broker into the
 * message log when the pipeline logs the envelope (in this consumer's transaction); any other type (ObjectMessage
 * above all) is never deserialized and becomes an envelope with an adapter error, so the sender still gets a receipt.
 */
public final class JmsEnvelopeProcessor implements Processor {
    /** The AMQP client's own message id, kept by Artemis when it converts the message for core consumers. */
    static final String NATIVE_MESSAGE_ID = "NATIVE_MESSAGE_ID";
    /** The broker's count of deliveries of the report, this one included. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    /** Artemis: write the body of a (large) message to an OutputStream, blocking until done. */
    static final String SAVE_STREAM = "JMS_AMQ_SaveStream";
    /** Bytes messages up to this size are read into memory; larger ones are streamed ({@link StreamedBody}). */
    static final int SMALL = 1 << 20;

    private final Principals principals;
    private final Clock clock;
    private final long maxBytes;

    public JmsEnvelopeProcessor(ReferenceData referenceData, Clock clock, long maxBytes) {
        this.principals = new Principals(referenceData);
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) throws JMSException {
        Message jms = exchange.getMessage(JmsMessage.class).getJmsMessage();
        String login = SenderStampPlugin.sender(jms);

        Object body;
        String adapterError = null;
        String contentType = null;
        if (jms instanceof TextMessage text) {
            // The broker bounds a message's size (MessageSizePlugin); here the UTF-8 size is counted
            // before any byte array of it is made.
            String s = text.getText();
            if (s != null && utf8Length(s) > maxBytes) {
                body = new byte[0];
                adapterError = ErrorCode.DOCUMENT_TOO_LARGE.name();
            } else {
                body = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            }
            contentType = "text/plain; charset=UTF-8";
        } else if (jms instanceof BytesMessage bytes) {
            if (bytes.getBodyLength() > maxBytes) {
                body = new byte[0];
                adapterError = ErrorCode.DOCUMENT_TOO_LARGE.name();
            } else if (bytes.getBodyLength() > SMALL && jms instanceof ActiveMQMessage) {
                // Not read here: the pipeline's first step has Artemis stream it into the message log, in this
                // consumer's transaction, so a large message is never held whole in the heap.
                body = (StreamedBody) out -> saveTo(jms, out);
            } else {
                byte[] read = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(read);
                body = read;
            }
            contentType = "application/octet-stream";
        } else {
            body = new byte[0];
            adapterError = ErrorCode.UNSUPPORTED_MESSAGE_TYPE.name();
        }

        // A new message: nothing after this step reads the sender's JMS message, its properties above all. The
        // delivery count is the broker's (not the sender's): the pipeline gives up on the report by it.
        DefaultMessage envelope = new DefaultMessage(exchange);
        Map<String, Object> headers = envelope.getHeaders();
        headers.put(DELIVERY_COUNT, jms.getIntProperty(DELIVERY_COUNT));
        headers.put(EnvelopeHeaders.CHANNEL, Channel.JMS.id());
        if (login != null) {
            headers.put(EnvelopeHeaders.LOGIN, login);
            String agency = principals.of(login).agency();
            if (agency != null) {
                headers.put(EnvelopeHeaders.AGENCY, agency);
            }
        }
        String transportId = transportId(jms);
        headers.put(EnvelopeHeaders.TRANSPORT_ID, transportId);
        headers.put(EnvelopeHeaders.CORRELATION, correlation(jms, transportId));
        headers.put(EnvelopeHeaders.CONTENT_TYPE, contentType == null ? "" : contentType);
        // The hub's clock, not JMSTimestamp: the sender must not be able to backdate a late report.
        headers.put(EnvelopeHeaders.RECEIVED_AT, Instant.now(clock).toString());
        String replyTo = replyTo(jms.getJMSReplyTo());
        if (replyTo != null) {
            // Only a queue of the sender's own below receipts.<CODE>, exactly; anything else is answered
            // on receipts.<CODE> with a warning, and the name never goes further.
            if (Queues.isReplyToOf((String) headers.get(EnvelopeHeaders.AGENCY), replyTo)) {
                headers.put(EnvelopeHeaders.REPLY_TO, replyTo);
            } else {
                headers.put(EnvelopeHeaders.ADAPTER_WARNING, ErrorCode.REPLY_TO_IGNORED.name());
            }
        }
        if (adapterError != null) {
            headers.put(EnvelopeHeaders.ADAPTER_ERROR, adapterError);
        }
        envelope.setBody(body);
        exchange.setMessage(envelope);
    }

    /**
     * Artemis writes the body of the message to {@code out} as it arrives from the broker, blocking until it is all
     * written (a large message is never whole in the heap). Artemis closes the stream it saved to; the message log
     * still has to flush and fsync it, so the close only flushes.
     */
    static void saveTo(Message jms, OutputStream out) throws IOException {
        try {
            jms.setObjectProperty(SAVE_STREAM, StreamedBody.keepOpen(out));
        } catch (JMSException e) {
            throw new IOException("Cannot read the report's body: " + e.getMessage(), e);
        }
    }

    /**
     * Unique and stable across redeliveries and restarts: the broker's node id and its id of the stored
     * message, plus the id the sender gave it. None alone will do: a sender may reuse its ids (and a STOMP
     * sender has none), and the broker's message ids start again with a new journal, which has a new node id.
     */
    static String transportId(Message jms) throws JMSException {
        String own = messageId(jms);
        if (jms instanceof ActiveMQMessage artemis) {
            String node = SenderStampPlugin.node(jms);
            return "AMQ:" + (node == null ? "" : node + ":") + artemis.getCoreMessage().getMessageID()
                    + (own == null ? "" : "/" + own);
        }
        if (own == null) {
            throw new JMSException("Message has no id");
        }
        return own;
    }

    /** The receipt's JMSCorrelationID: the incoming JMSMessageID, else what the sender set (STOMP correlation-id). */
    static String correlation(Message jms, String transportId) throws JMSException {
        String id = messageId(jms);
        if (id != null) {
            return id;
        }
        String own = jms.getJMSCorrelationID();
        return own != null ? own : transportId;
    }

    /** The id the sender knows: an AMQP client's own message id, else the JMSMessageID (CORE). */
    private static String messageId(Message jms) throws JMSException {
        String nativeId = jms.getStringProperty(NATIVE_MESSAGE_ID);
        return nativeId != null ? nativeId : jms.getJMSMessageID();
    }

    /** Bytes of the UTF-8 encoding of a string, without encoding it (a lone surrogate counts as '?'). */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String replyTo(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            String name = queue.getQueueName();
            return name == null ? null : name.toLowerCase(Locale.ROOT).startsWith("queue://") ? name.substring(8) : name;
        }
        return null;
    }
}
