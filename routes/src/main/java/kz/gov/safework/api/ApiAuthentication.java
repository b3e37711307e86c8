package kz.gov.safework.api;

import java.util.Arrays;
import java.util.Set;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of every {@code /api} route: the caller must prove a login holding one of the roles asked for
 * (any login when none): by HTTP Basic, or, on a request without an Authorization header, by a verified client
 * certificate ({@link TlsLogin}, HTTPS mutual TLS). Throws {@link ApiProblem}: 401 without valid credentials, 429
 * while the login is locked, 403 without the role. The {@link Principal} is kept in exchange property {@value #PRINCIPAL};
 * the Authorization and Cookie headers and every incoming {@code camel*} header are dropped, so none travels
 * further or echoes back.
 */
public final class ApiAuthentication implements Processor {
    public static final String PRINCIPAL = "swPrincipal";

    private final ApiAuthenticator authenticator;
    private final TlsLogin certificates;
    private final Set<Role> anyOf;

    private ApiAuthentication(ApiAuthenticator authenticator, TlsLogin certificates, Set<Role> anyOf) {
        this.authenticator = authenticator;
        this.certificates = certificates;
        this.anyOf = anyOf;
    }

    /** Any authenticated login. */
    public static ApiAuthentication anyLogin(ApiAuthenticator authenticator, TlsLogin certificates) {
        return new ApiAuthentication(authenticator, certificates, Set.of());
    }

    /** A login with at least one of these roles. */
    public static ApiAuthentication anyOf(ApiAuthenticator authenticator, TlsLogin certificates, Role... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("name the roles, or use anyLogin");
        }
        return new ApiAuthentication(authenticator, certificates, Set.copyOf(Arrays.asList(roles)));
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeaders("(?i)(camel.*|authorization|cookie)");
        Principal principal;
        try {
            // No Authorization header: a verified client certificate (HTTPS mutual TLS) may name the caller.
            principal = (header == null ? certificates.caller(exchange) : authenticator.authenticate(header))
                    .orElseThrow(ApiProblem::unauthenticated);
        } catch (LoginLocked locked) {
            throw ApiProblem.locked(locked.retryAfterSeconds());
        }
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(principal::has)) {
            throw ApiProblem.forbidden("Login " + principal.login() + " may not use this resource");
        }
        exchange.setProperty(PRINCIPAL, principal);
    }

    /** The principal {@link #process} proved, for the steps after it. */
    public static Principal principal(Exchange exchange) {
        Principal principal = exchange.getProperty(PRINCIPAL, Principal.class);
        if (principal == null) {
            throw new IllegalStateException("route has no ApiAuthentication step");
        }
        return principal;
    }
}
