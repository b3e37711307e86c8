package kz.gov.safework.intake;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.envelope.StreamedBody;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.observe.Tracing;
import kz.gov.safework.store.MessageLog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;

/**
 * First step of the pipeline: reads the envelope and streams its bytes into the message log, so nothing is judged
 * before it is durable. An envelope off {@code hub.intake} is read from its JMS message: large bodies are streamed by
 * Artemis straight to disk ({@code JMS_AMQ_SaveStream}); no whole-file byte array is made. An envelope a channel's
 * adapter hands over in memory (the queue channel's, without the {@code hub.intake} hop) is a Camel message that is no
 * JMS message: the {@link EnvelopeHeaders} as headers, the document's bytes (bounded by the adapter) as body, or for a
 * large one a {@link StreamedBody} that writes it into the log as it arrives from the broker.
 */
public final class EnvelopeReader implements Processor {
    /** Exchange property: the envelope read, kept for the dead letter after the body has become the receipt. */
    private static final String ENVELOPE = "swEnvelope";
    /** Artemis: write the body of a (large) message to an OutputStream, blocking until done. */
    static final String SAVE_STREAM = "JMS_AMQ_SaveStream";
    private static final int SMALL = 1 << 20;

    private final MessageLog log;
    private final Clock clock;

    public EnvelopeReader(MessageLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message jms = exchange.getMessage() instanceof JmsMessage message ? message.getJmsMessage() : null;
        // An envelope built in memory (the queue channel): its headers and bytes are the Camel message's own; the JMS
        // message it came in (a sender's report) is not read again.
        Properties properties = jms != null ? jms::getStringProperty
                : name -> exchange.getMessage().getHeader(name, String.class);
        Channel channel = Channel.fromId(properties.get(EnvelopeHeaders.CHANNEL));
        String login = properties.get(EnvelopeHeaders.LOGIN);
        String transportId = properties.get(EnvelopeHeaders.TRANSPORT_ID);
        if (transportId == null && jms != null) {
            transportId = jms.getJMSMessageID();
        }
        if (transportId == null) {
            throw new IllegalArgumentException("Envelope without " + EnvelopeHeaders.TRANSPORT_ID);
        }
        String submissionId = SubmissionIds.of(channel, login, transportId);
        String receivedAtText = properties.get(EnvelopeHeaders.RECEIVED_AT);
        Instant receivedAt = receivedAtText == null ? Instant.now(clock) : Instant.parse(receivedAtText);

        Object handed = jms == null ? exchange.getMessage().getBody() : null;
        MessageLog.BodyWriter body;
        if (jms != null) {
            body = out -> copyBody(jms, out);
        } else if (handed instanceof StreamedBody streamed) {
            // A large queue report: streamed from the broker into the log, never whole in memory.
            body = streamed::writeTo;
        } else {
            byte[] inMemory = exchange.getMessage().getMandatoryBody(byte[].class);
            body = out -> out.write(inMemory);
        }
        MessageLog.Logged logged = log.write(submissionId, receivedAt, body);
        Envelope envelope = new Envelope(submissionId, channel, login,
                properties.get(EnvelopeHeaders.AGENCY), transportId,
                properties.get(EnvelopeHeaders.FILE_NAME), properties.get(EnvelopeHeaders.CONTENT_TYPE),
                receivedAt, properties.get(EnvelopeHeaders.REPLY_TO),
                properties.get(EnvelopeHeaders.CORRELATION), properties.get(EnvelopeHeaders.ADAPTER_ERROR),
                properties.get(EnvelopeHeaders.ADAPTER_WARNING),
                logged.file(), logged.size(), logged.sha256());
        log.record(envelope, Tracing.currentTraceId());
        exchange.setProperty(ENVELOPE, envelope); // the pipeline replaces the body with the receipt
        exchange.getMessage().setBody(envelope);
        exchange.getMessage().setHeader(EnvelopeHeaders.SUBMISSION_ID, submissionId);
    }

    /** An envelope's string properties, from its JMS message or from the Camel message's headers. */
    @FunctionalInterface
    private interface Properties {
        String get(String name) throws JMSException;
    }

    /**
     * For the dead letter: the envelope's bytes again as the body (from the log when it got that far,
     * else from the JMS message), so an operator's replay sends exactly what came in.
     */
    static void restoreBody(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        // Once judged, the body is the receipt: the logged document is found by the exchange's envelope.
        Envelope logged = body instanceof Envelope envelope ? envelope : exchange.getProperty(ENVELOPE, Envelope.class);
        if (logged != null) {
            exchange.getMessage().setBody(logged.body().toFile());
        } else if (body instanceof Message jms) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            copyBody(jms, out);
            exchange.getMessage().setBody(out.toByteArray());
        } else if (body instanceof StreamedBody streamed) {
            // Not logged (the log failed): the report's bytes from the broker, as for a message off hub.intake.
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            streamed.writeTo(out);
            exchange.getMessage().setBody(out.toByteArray());
        }
    }

    private static void copyBody(Message jms, OutputStream out) throws IOException {
        try {
            if (jms instanceof BytesMessage bytes) {
                if (bytes.getBodyLength() <= SMALL) {
                    byte[] body = new byte[(int) bytes.getBodyLength()];
                    bytes.readBytes(body);
                    out.write(body);
                } else {
                    // Artemis closes the stream it saved to; the log still has to flush and fsync it.
                    jms.setObjectProperty(SAVE_STREAM, StreamedBody.keepOpen(out));
                }
            } else if (jms instanceof TextMessage text && text.getText() != null) {
                out.write(text.getText().getBytes(StandardCharsets.UTF_8));
            }
        } catch (JMSException e) {
            throw new IOException("Cannot read envelope body: " + e.getMessage(), e);
        }
    }
}
