package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.document.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The document's submission id and agency are in the MDC while its exchange is routed, and only then. */
class DocumentMdcTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    private static Exchange exchange(String agency) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(new Envelope("sub-7", Channel.JMS, "mz", agency, "t-7", null, "application/json",
                Instant.EPOCH, null, null, null, null, Path.of("doc"), 2, "0".repeat(64)));
        return exchange;
    }

    @Test
    void namesTheDocumentUntilItsExchangeIsDone() {
        Exchange exchange = exchange("MZ");
        DocumentMdc.open(exchange);
        assertThat(MDC.get("submissionId")).isEqualTo("sub-7");
        assertThat(MDC.get("agency")).isEqualTo("MZ");

        UnitOfWorkHelper.doneSynchronizations(exchange, exchange.getExchangeExtension().handoverCompletions());
        assertThat(MDC.get("submissionId")).isNull();
        assertThat(MDC.get("agency")).isNull();
    }

    @Test
    void aDocumentWithoutAgencyIsMarkedSo() {
        DocumentMdc.open(exchange(null));
        assertThat(MDC.get("agency")).isEqualTo("null");
        DocumentMdc.close();
        assertThat(MDC.get("submissionId")).isNull();
    }
}
