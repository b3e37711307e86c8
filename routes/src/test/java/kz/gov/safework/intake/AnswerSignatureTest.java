package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import kz.gov.safework.contract.signature.HubSigner;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class AnswerSignatureTest {
    private static final String RECEIPT = "{\"agency\":\"АКИМАТ-АСТАНА\",\"status\":\"ACCEPTED\"}";

    @Test
    void signsTheUtf8BytesOfTheJsonBodyIntoTheNamedPropertyAndLeavesTheBodyAlone() throws Exception {
        Exchange exchange = exchange(RECEIPT);
        new AnswerSignature(PipelineTestHub.SIGNER, HubSigner.RECEIPT_SIGNATURE).process(exchange);

        assertThat(exchange.getMessage().getHeader(HubSigner.RECEIPT_SIGNATURE))
                .isEqualTo(PipelineTestHub.SIGNER.sign(RECEIPT.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(PipelineTestHub.SIGNER.sign(RECEIPT.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(exchange.getMessage().getBody()).isEqualTo(RECEIPT);
        assertThat(exchange.getMessage().getHeader(HubSigner.FEED_SIGNATURE)).isNull();
    }

    @Test
    void anAnswerWithoutBodyIsNotSignedAsEmpty() {
        Exchange exchange = exchange(null);
        assertThatThrownBy(() -> new AnswerSignature(PipelineTestHub.SIGNER, HubSigner.FEED_SIGNATURE)
                .process(exchange)).isInstanceOf(InvalidPayloadException.class);
    }

    private static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
