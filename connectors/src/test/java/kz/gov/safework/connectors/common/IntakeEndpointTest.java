package kz.gov.safework.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which documents are streamed to hub.intake as large messages: only those over the client's large-message size. */
class IntakeEndpointTest {
    private static final int LIMIT = (int) IntakeEndpoint.STREAM_ABOVE;

    @Test
    void bytesAreSentPlainUpToTheLargeMessageSize() {
        assertThat(IntakeEndpoint.streamed(exchange(new byte[6_600], null))).isFalse();
        assertThat(IntakeEndpoint.streamed(exchange(new byte[LIMIT], null))).isFalse();
        assertThat(IntakeEndpoint.streamed(exchange(new byte[LIMIT + 1], null))).isTrue();
    }

    @Test
    void aFileIsStreamedByItsLength() {
        Object file = new ByteArrayInputStream(new byte[0]); // the length header decides, not the body's type
        assertThat(IntakeEndpoint.streamed(exchange(file, 7_000L))).isFalse();
        assertThat(IntakeEndpoint.streamed(exchange(file, LIMIT + 1L))).isTrue();
    }

    @Test
    void aBodyOfUnknownLengthIsStreamed() {
        assertThat(IntakeEndpoint.streamed(exchange(new ByteArrayInputStream(new byte[10]), null))).isTrue();
    }

    private static Exchange exchange(Object body, Long fileLength) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        if (fileLength != null) {
            exchange.getMessage().setHeader(Exchange.FILE_LENGTH, fileLength);
        }
        return exchange;
    }
}
