package kz.gov.safework.contract.envelope;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An envelope's body that a channel's adapter does not hold in memory: the pipeline's first step writes it straight
 * into the message log ({@link #writeTo}), once, on the thread (and in the transaction) that took the document. The
 * queue channel's large bytes messages: Artemis streams their body from the broker to the log.
 */
@FunctionalInterface
public interface StreamedBody {
    /** Writes the whole body to {@code out}; may be called once. */
    void writeTo(OutputStream out) throws IOException;

    /**
     * {@code out} for a writer that closes the stream it was given when done (Artemis, saving a message's body with
     * {@code JMS_AMQ_SaveStream}): its close only flushes, so that the message log can still fsync and close it.
     */
    static OutputStream keepOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
