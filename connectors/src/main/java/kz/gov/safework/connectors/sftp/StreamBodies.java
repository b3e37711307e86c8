package kz.gov.safework.connectors.sftp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

/**
 * Streamed envelope bodies: the file is never read into a byte array on the SFTP path. A stream can be read
 * once, so a redelivery of the hand-over must not send the exhausted stream again: {@link #REOPEN} opens the
 * file anew before each retry.
 */
final class StreamBodies {
    /** Exchange property: the local file the body streams from (absent when the body is deliberately empty). */
    static final String BODY_FILE = "swSftpBodyFile";

    /** Before a redelivery: a fresh stream over the same file. */
    static final org.apache.camel.Processor REOPEN = exchange -> {
        java.nio.file.Path file = exchange.getProperty(BODY_FILE, java.nio.file.Path.class);
        if (file != null) {
            setStreamBody(exchange, java.nio.file.Files.newInputStream(file));
        }
    };

    /** Streams the file as the body; the stream is closed when the exchange is done, and reopened for retries. */
    static void setFileBody(Exchange exchange, java.nio.file.Path file) throws java.io.IOException {
        exchange.setProperty(BODY_FILE, file);
        setStreamBody(exchange, java.nio.file.Files.newInputStream(file));
    }
    private StreamBodies() {
    }

    /** Sets the stream as body and closes it when the exchange is done, whatever the outcome. */
    static void setStreamBody(Exchange exchange, InputStream stream) {
        exchange.getIn().setBody(stream);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                IOHelper.close(stream);
            }
        });
    }

    static InputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }
}
