package kz.gov.safework.contract.envelope;

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
}
