package kz.gov.safework.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import kz.gov.safework.contract.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code GET /api/openapi.json}, without login: Camel's own OpenAPI document of every rest-DSL route (camel-openapi-java,
 * as {@code camel.rest.api-context-path} would serve it), completed by {@link ApiDescription} with what the rest DSL
 * cannot say: the {@code basic} security scheme on every {@code /api} operation, the problem answers, the contract's
 * own receipt schema, and the paths that are not rest-DSL routes ({@code /observe}).
 */
public final class ApiDocumentRoutes extends RouteBuilder {
    public static final String PATH = "/api/openapi.json";
    /** Where Camel finds the OpenAPI generator of camel-openapi-java (its {@code RestApiProcessorFactory}). */
    private static final String FACTORY_PATH = "META-INF/services/org/apache/camel/restapi/";

    private final ApiDescription description;
    private volatile Processor camelDocument;

    public ApiDocumentRoutes(ApiDescription description) {
        this.description = description;
    }

    @Override
    public void configure() {
        from("platform-http:" + PATH + "?httpMethodRestrict=GET").routeId("api-openapi")
                .process(exchange -> camelDocument().process(exchange))
                .process(this::complete);
    }

    /** Made on the first request, when every route (and so every rest definition) is in the context. */
    private Processor camelDocument() throws Exception {
        Processor processor = camelDocument;
        if (processor == null) {
            synchronized (this) {
                if (camelDocument == null) {
                    RestApiProcessorFactory factory = getContext().getCamelContextExtension().getFactoryFinder(FACTORY_PATH)
                            .newInstance("openapi", RestApiProcessorFactory.class)
                            .orElseThrow(() -> new IllegalStateException("camel-openapi-java is not on the classpath"));
                    Processor made = factory.createApiProcessor(getContext(), PATH, getContext().getRestConfiguration(),
                            getContext().getRestConfiguration().getApiProperties());
                    ServiceHelper.startService(made);
                    camelDocument = made;
                }
                processor = camelDocument;
            }
        }
        return processor;
    }

    private void complete(Exchange exchange) throws IOException {
        byte[] generated = exchange.getMessage().getBody(byte[].class);
        JsonNode document = Json.mapper().readTree(generated);
        byte[] body = Json.mapper().writeValueAsBytes(description.complete((ObjectNode) document));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setBody(new String(body, StandardCharsets.UTF_8));
    }
}
