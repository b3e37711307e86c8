package kz.gov.safework.receipts;

import java.nio.charset.StandardCharsets;
import kz.gov.safework.contract.schema.ContractFiles;
import kz.gov.safework.contract.schema.ContractSchemas;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The document contract for agencies, without login (it is public): {@code GET /schemas/<path>} answers the file at
 * {@code schemas/<path>} of the contract ({@link ContractFiles}: the XSD and JSON Schemas, and the example documents
 * under {@code /schemas/examples/}), byte for byte, with its media type. The request's raw path is looked up as a
 * name, never resolved: anything percent-encoded, any empty, dot or hidden segment, and every name that is not one
 * of those files is 404.
 */
public final class ContractFileRoutes extends RouteBuilder {
    private final ContractFiles files;

    public ContractFileRoutes(ContractFiles files) {
        this.files = files;
    }

    @Override
    public void configure() {
        from("platform-http:" + ContractSchemas.SERVED_PATH + "?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD")
                .routeId("contract-files")
                .process(this::answer);
    }

    private void answer(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String path = uri == null ? "" : uri.split("\\?", 2)[0];
        exchange.getMessage().removeHeaders("*");
        var file = path.startsWith(ContractSchemas.SERVED_PATH)
                ? files.file(path.substring(ContractSchemas.SERVED_PATH.length())) : java.util.Optional.<ContractFiles.File>empty();
        if (file.isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
            exchange.getMessage().setBody("Not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, file.get().contentType());
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        // Never run as a page of the hub (an XML example with a stylesheet, a Markdown file read as HTML).
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        exchange.getMessage().setBody(file.get().bytes());
    }
}
