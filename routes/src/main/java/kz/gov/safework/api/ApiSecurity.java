package kz.gov.safework.api;

import java.util.Arrays;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Guards API routes: 401 with a Basic challenge without valid credentials, 429 while the login is locked,
 * 403 without one of the roles. Sets the {@link Caller} as exchange property {@value #CALLER} for the route to use.
 */
public final class ApiSecurity {
    public static final String CALLER = "swCaller";

    private ApiSecurity() {
    }

    /** @return the caller, or empty when the response (401/403) is already set and the route must stop. */
    public static Optional<Caller> require(Exchange exchange, ApiRole... anyOf) {
        exchange.getMessage().removeHeader("swCaller");
        ApiAuthenticator auth = exchange.getContext().getRegistry().lookupByNameAndType(ApiAuthenticator.BEAN,
                ApiAuthenticator.class);
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        Optional<Caller> caller;
        try {
            // No Authorization header: a verified client certificate (HTTPS mutual TLS) may name the caller.
            caller = header == null ? TlsLogin.of(exchange) : auth == null ? Optional.empty() : auth.authenticate(header);
        } catch (LoginLocked locked) {
            locked.respond(exchange);
            return Optional.empty();
        }
        if (caller.isEmpty()) {
            refuse(exchange, 401, "Authentication required");
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"safework-hub\", charset=\"UTF-8\"");
            return Optional.empty();
        }
        if (anyOf.length > 0 && Arrays.stream(anyOf).noneMatch(caller.get()::has)) {
            refuse(exchange, 403, "Forbidden");
            return Optional.empty();
        }
        exchange.setProperty(CALLER, caller.get());
        return caller;
    }

    public static void refuse(Exchange exchange, int status, String message) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("{\"error\":\"" + message + "\"}");
    }
}
