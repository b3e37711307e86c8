package kz.gov.safework.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.gov.safework.contract.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error policy of every {@code /api} route (each says {@code routeConfigurationId(}{@value #ID}{@code )}):
 * any failure is answered as an RFC 9457 problem, {@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail} and {@code code}. A 401 carries the one Basic challenge
 * ({@value #REALM}) unless the console asked (it sends {@code X-Requested-With} and shows its own login form);
 * a 429 carries {@code Retry-After}. A failure that is no {@link ApiProblem} is logged and answered as a bare 500.
 */
public final class ApiRouteConfiguration extends RouteConfigurationBuilder {
    public static final String ID = "api";
    public static final String REALM = "safework-hub";
    public static final String CHALLENGE = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
    public static final String PROBLEM_JSON = "application/problem+json";
    static final String REQUESTED_WITH = "X-Requested-With";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouteConfiguration.class);

    @Override
    public void configuration() {
        routeConfiguration(ID).onException(Exception.class).handled(true).process(ApiRouteConfiguration::respond);
    }

    /** Writes the problem of the exchange's caught failure as the answer. */
    static void respond(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem problem = ApiProblem.of(failure);
        if (problem.status() >= 500 && !(failure instanceof ApiProblem)) {
            LOG.error("API route {} failed", exchange.getFromRouteId(), failure);
        }
        write(exchange, problem);
    }

    static void write(Exchange exchange, ApiProblem problem) {
        Message message = exchange.getMessage();
        boolean fromConsole = message.getHeader(REQUESTED_WITH) != null;
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, PROBLEM_JSON);
        message.setHeader("X-Content-Type-Options", "nosniff");
        if (problem.status() == 401 && !fromConsole) {
            message.setHeader("WWW-Authenticate", CHALLENGE);
        }
        if (problem.retryAfterSeconds() > 0) {
            message.setHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        message.setBody(body(problem));
    }

    static String body(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(problem.status()));
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("code", problem.code());
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
    }

    /** The status' reason phrase: with type about:blank, RFC 9457 asks the title to be it. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
