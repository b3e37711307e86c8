package kz.gov.safework.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ApiAuthentication takes the principal a client certificate proves ({@link TlsLogin}) only when no Authorization
 * header came; a certified principal still needs the role.
 */
class ApiAuthenticationTlsLoginTest {
    private static final Principal ASTANA = new Principal("akimat-astana", "AKIMAT-ASTANA", Set.of(Role.AGENCY));
    private static final Principal MZ = new Principal("mz", "MZ", Set.of(Role.AGENCY));
    /** Basic: only the header "Basic mz" proves anything (mz). */
    private static final ApiAuthenticator BASIC = header -> "Basic mz".equals(header) ? Optional.of(MZ) : Optional.empty();
    private static final TlsLogin ASTANA_CERTIFICATE = exchange -> Optional.of(ASTANA);
    private static final TlsLogin NO_CERTIFICATE = exchange -> Optional.empty();

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange request(String authorization) {
        Exchange exchange = new DefaultExchange(context);
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        return exchange;
    }

    private static ApiProblem thrown(ApiAuthentication step, Exchange exchange) {
        try {
            step.process(exchange);
        } catch (ApiProblem problem) {
            return problem;
        }
        throw new AssertionError("no problem thrown");
    }

    @Test
    void aCertificateProvesTheCallerWhenNoAuthorizationHeaderCame() {
        Exchange exchange = request(null);
        ApiAuthentication.anyOf(BASIC, ASTANA_CERTIFICATE, Role.AGENCY).process(exchange);
        assertThat(ApiAuthentication.principal(exchange)).isEqualTo(ASTANA);
    }

    @Test
    void anAuthorizationHeaderIsCheckedByItsPasswordCertificateOrNot() {
        Exchange basic = request("Basic mz");
        ApiAuthentication.anyLogin(BASIC, ASTANA_CERTIFICATE).process(basic);
        assertThat(ApiAuthentication.principal(basic)).isEqualTo(MZ);

        Exchange wrong = request("Basic wrong");
        assertThat(thrown(ApiAuthentication.anyLogin(BASIC, ASTANA_CERTIFICATE), wrong).status()).isEqualTo(401);
        assertThat(wrong.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
    }

    @Test
    void withoutACertificateNobodyIsProven() {
        Exchange noCertificate = request(null);
        assertThat(thrown(ApiAuthentication.anyLogin(BASIC, NO_CERTIFICATE), noCertificate).status()).isEqualTo(401);
        assertThat(noCertificate.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
    }

    @Test
    void aCertifiedCallerStillNeedsTheRole() {
        Exchange exchange = request(null);
        assertThat(thrown(ApiAuthentication.anyOf(BASIC, ASTANA_CERTIFICATE, Role.OPERATOR), exchange).status())
                .isEqualTo(403);
        assertThat(exchange.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
    }
}
