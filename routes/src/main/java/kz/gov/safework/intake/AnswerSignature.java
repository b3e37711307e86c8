package kz.gov.safework.intake;

import java.nio.charset.StandardCharsets;
import kz.gov.safework.contract.signature.HubSigner;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * Signs what the hub answers (a receipt, a feed message) where its bytes are made, once for every channel: the
 * detached JWS over the UTF-8 bytes of the JSON body goes into a message property, which each channel passes on as
 * it delivers (the property on a queue, a {@code .sig} file beside an SFTP receipt, an attachment on mail).
 */
public final class AnswerSignature implements Processor {
    private final HubSigner signer;
    private final String header;

    public AnswerSignature(HubSigner signer, String header) {
        this.signer = signer;
        this.header = header;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        String json = exchange.getMessage().getMandatoryBody(String.class);
        exchange.getMessage().setHeader(header, signer.sign(json.getBytes(StandardCharsets.UTF_8)));
    }
}
