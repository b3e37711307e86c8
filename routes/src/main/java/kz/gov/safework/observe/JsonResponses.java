package kz.gov.safework.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.gov.safework.contract.Json;
import org.apache.camel.Exchange;

/**
 * Writes an HTTP answer of the operator API: JSON with the hub's mapper, never cached, and no request
 * header copied back (platform-http answers with the message's headers).
 */
final class JsonResponses {
    static final String REQUESTED_WITH = "X-Requested-With";

    private JsonResponses() {
    }

    static void ok(Exchange exchange, Object body) {
        write(exchange, 200, body);
    }

    static void write(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        try {
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write answer", e);
        }
    }

    /**
     * A problem answer. A 401 carries the Basic challenge unless the console asked (it sends
     * {@code X-Requested-With}), so the console shows its own login form instead of the browser's prompt.
     */
    static void problem(Exchange exchange, int status, String code, String message) {
        boolean fromConsole = exchange.getMessage().getHeader(REQUESTED_WITH) != null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        write(exchange, status, body);
        if (status == 401 && !fromConsole) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"Safe Labour hub\", charset=\"UTF-8\"");
        }
    }
}
