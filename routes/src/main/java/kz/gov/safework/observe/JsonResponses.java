package kz.gov.safework.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import kz.gov.safework.contract.Json;
import org.apache.camel.Exchange;

/**
 * Writes an HTTP answer of the operator API: JSON with the hub's mapper, and no request header copied back
 * (platform-http answers with the message's headers). The HTTP server marks every such answer no-store.
 */
final class JsonResponses {
    private JsonResponses() {
    }

    static void ok(Exchange exchange, Object body) {
        write(exchange, 200, body);
    }

    static void write(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        try {
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write answer", e);
        }
    }
}
