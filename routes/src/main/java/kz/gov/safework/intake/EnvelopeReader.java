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
import kz.gov.safework.document.Envelope;
import kz.gov.safework.observe.Tracing;
import kz.gov.safework.store.MessageLog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;

/**
 * First step of the pipeline: reads the envelope off {@code hub.intake} and streams its bytes into
 * the message log, so nothing is judged before it is durable. Large bodies are streamed by Artemis
 * straight to disk ({@code JMS_AMQ_SaveStream}); no whole-file byte array is made.
 */
public final class EnvelopeReader implements Processor {
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
        Message jms = exchange.getMessage(JmsMessage.class).getJmsMessage();
        Channel channel = Channel.fromId(jms.getStringProperty(EnvelopeHeaders.CHANNEL));
        String login = jms.getStringProperty(EnvelopeHeaders.LOGIN);
        String transportId = jms.getStringProperty(EnvelopeHeaders.TRANSPORT_ID);
        if (transportId == null) {
            transportId = jms.getJMSMessageID();
        }
        String submissionId = SubmissionIds.of(channel, login, transportId);
        String receivedAtText = jms.getStringProperty(EnvelopeHeaders.RECEIVED_AT);
        Instant receivedAt = receivedAtText == null ? Instant.now(clock) : Instant.parse(receivedAtText);

        MessageLog.Logged logged = log.write(submissionId, receivedAt, out -> copyBody(jms, out));
        Envelope envelope = new Envelope(submissionId, channel, login,
                jms.getStringProperty(EnvelopeHeaders.AGENCY), transportId,
                jms.getStringProperty(EnvelopeHeaders.FILE_NAME), jms.getStringProperty(EnvelopeHeaders.CONTENT_TYPE),
                receivedAt, jms.getStringProperty(EnvelopeHeaders.REPLY_TO),
                jms.getStringProperty(EnvelopeHeaders.CORRELATION), jms.getStringProperty(EnvelopeHeaders.ADAPTER_ERROR),
                jms.getStringProperty(EnvelopeHeaders.ADAPTER_WARNING),
                logged.file(), logged.size(), logged.sha256());
        log.record(envelope, Tracing.currentTraceId());
        exchange.getMessage().setBody(envelope);
        exchange.getMessage().setHeader(EnvelopeHeaders.SUBMISSION_ID, submissionId);
    }

    /**
     * For the dead letter: the envelope's bytes again as the body (from the log when it got that far,
     * else from the JMS message), so an operator's replay sends exactly what came in.
     */
    static void restoreBody(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Envelope envelope) {
            exchange.getMessage().setBody(envelope.body().toFile());
        } else if (body instanceof Message jms) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            copyBody(jms, out);
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
                    jms.setObjectProperty(SAVE_STREAM, new java.io.FilterOutputStream(out) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            flush();
                        }
                    });
                }
            } else if (jms instanceof TextMessage text && text.getText() != null) {
                out.write(text.getText().getBytes(StandardCharsets.UTF_8));
            }
        } catch (JMSException e) {
            throw new IOException("Cannot read envelope body: " + e.getMessage(), e);
        }
    }
}
