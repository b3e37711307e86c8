package kz.gov.safework.observe;

import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiRole;
import kz.gov.safework.api.Caller;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of every operator API route: the caller must prove an operator login (HTTP Basic). The
 * login is kept in exchange property {@value #OPERATOR} for the audit trail; the Authorization header and
 * every incoming {@code camel*} header are dropped so neither travels further nor echoes back.
 * A state-changing call from a page of another origin is refused: a browser that cached the operator's
 * Basic credentials would otherwise replay them for any site that posts a form here.
 */
public final class OperatorAuthorization implements Processor {
    public static final String OPERATOR = "hubOperator";

    private final ApiAuthenticator authenticator;

    public OperatorAuthorization(ApiAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        String origin = exchange.getMessage().getHeader("Origin", String.class);
        String host = exchange.getMessage().getHeader("Host", String.class);
        exchange.getMessage().removeHeaders("(?i)(camel.*|authorization|cookie)");
        Caller caller = authenticator.authenticate(header).orElseThrow(ApiProblem::unauthenticated);
        String login = caller.login();
        if (!caller.has(ApiRole.OPERATOR)) {
            throw ApiProblem.forbidden(login);
        }
        if (!"GET".equals(method) && origin != null && !sameOrigin(origin, host)) {
            throw ApiProblem.crossOrigin(origin);
        }
        exchange.setProperty(OPERATOR, login);
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
