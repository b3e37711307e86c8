package kz.gov.safework.connectors.sftp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

/** Streamed envelope bodies: the file is never read into a byte array on the SFTP path. */
final class StreamBodies {
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
