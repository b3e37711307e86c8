package kz.gov.safework.observe;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of every operator API route: the caller must prove an operator login (HTTP Basic). The
 * login is kept in exchange property {@value #OPERATOR} for the audit trail; the Authorization header and
 * every incoming {@code camel*} header are dropped so neither travels further nor echoes back.
 */
public final class OperatorAuthorization implements Processor {
    public static final String OPERATOR = "hubOperator";

    private final OperatorAuthenticator authenticator;

    public OperatorAuthorization(OperatorAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeaders("(?i)(camel.*|authorization|cookie)");
        String login = authenticator.login(header).orElseThrow(ApiProblem::unauthenticated);
        if (!authenticator.isOperator(login)) {
            throw ApiProblem.forbidden(login);
        }
        exchange.setProperty(OPERATOR, login);
    }
}
