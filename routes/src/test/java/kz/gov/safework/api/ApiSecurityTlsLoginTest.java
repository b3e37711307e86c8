package kz.gov.safework.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ApiSecurity takes the caller a client certificate proves ({@link TlsLogin}) only when no Authorization header came. */
class ApiSecurityTlsLoginTest {
    private static final Caller ASTANA = new Caller("akimat-astana", "AKIMAT-ASTANA", Set.of(ApiRole.AGENCY));
    private static final Caller MZ = new Caller("mz", "MZ", Set.of(ApiRole.AGENCY));

    private DefaultCamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        // Basic: only the header "Basic mz" proves anything (mz).
        context.getRegistry().bind(ApiAuthenticator.BEAN, ApiAuthenticator.class,
                (ApiAuthenticator) header -> "Basic mz".equals(header) ? Optional.of(MZ) : Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private Exchange request(String authorization) {
        Exchange exchange = new DefaultExchange(context);
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        return exchange;
    }

    @Test
    void aCertificateProvesTheCallerWhenNoAuthorizationHeaderCame() {
        context.getRegistry().bind(TlsLogin.BEAN, TlsLogin.class, (TlsLogin) exchange -> Optional.of(ASTANA));
        Exchange exchange = request(null);
        assertThat(ApiSecurity.require(exchange, ApiRole.AGENCY)).contains(ASTANA);
        assertThat(exchange.getProperty(ApiSecurity.CALLER)).isEqualTo(ASTANA);
    }

    @Test
    void anAuthorizationHeaderIsCheckedByItsPasswordCertificateOrNot() {
        context.getRegistry().bind(TlsLogin.BEAN, TlsLogin.class, (TlsLogin) exchange -> Optional.of(ASTANA));
        assertThat(ApiSecurity.require(request("Basic mz"))).contains(MZ);
        Exchange wrong = request("Basic wrong");
        assertThat(ApiSecurity.require(wrong)).isEmpty();
        assertThat(wrong.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
    }

    @Test
    void withoutACertificateOrAHookNobodyIsProven() {
        Exchange unbound = request(null);
        assertThat(ApiSecurity.require(unbound)).isEmpty();
        assertThat(unbound.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);

        context.getRegistry().bind(TlsLogin.BEAN, TlsLogin.class, (TlsLogin) exchange -> Optional.empty());
        Exchange noCertificate = request(null);
        assertThat(ApiSecurity.require(noCertificate)).isEmpty();
        assertThat(noCertificate.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
    }

    @Test
    void aCertifiedCallerStillNeedsTheRole() {
        context.getRegistry().bind(TlsLogin.BEAN, TlsLogin.class, (TlsLogin) exchange -> Optional.of(ASTANA));
        Exchange exchange = request(null);
        assertThat(ApiSecurity.require(exchange, ApiRole.OPERATOR)).isEmpty();
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(403);
    }
}
