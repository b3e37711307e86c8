package kz.gov.safework.observe;

import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.api.TlsLogin;
import kz.gov.safework.contract.reference.Principals.Role;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of every operator API route: the caller must prove an operator login ({@link ApiAuthentication}). The
 * login is kept in exchange property {@value #OPERATOR} for the audit trail.
 * A state-changing call from a page of another origin is refused: a browser that cached the operator's
 * Basic credentials would otherwise replay them for any site that posts a form here.
 */
public final class OperatorAuthorization implements Processor {
    public static final String OPERATOR = "hubOperator";

    private final ApiAuthentication operators;

    public OperatorAuthorization(ApiAuthenticator authenticator, TlsLogin certificates) {
        this.operators = ApiAuthentication.anyOf(authenticator, certificates, Role.OPERATOR);
    }

    @Override
    public void process(Exchange exchange) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        String origin = exchange.getMessage().getHeader("Origin", String.class);
        String host = exchange.getMessage().getHeader("Host", String.class);
        operators.process(exchange);
        if (!"GET".equals(method) && origin != null && !sameOrigin(origin, host)) {
            throw new ApiProblem(403, "cross_origin", "Operator actions are accepted only from the console's own"
                    + " page, not " + origin);
        }
        exchange.setProperty(OPERATOR, ApiAuthentication.principal(exchange).login());
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
