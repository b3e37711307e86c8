package kz.gov.safework.api;

import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * HTTPS mutual TLS: the caller a verified client certificate on the request's connection proves (its subject's CN
 * is a known login, as on the broker), for a request that carries no Authorization header. The HTTP server has
 * checked the certificate against {@code hub.tls.truststore} in the handshake; an implementation only reads the
 * name. Bound in the registry as {@value #BEAN} by the application (which knows the HTTP server); without it, or
 * without a certificate, the caller must use Basic.
 */
@FunctionalInterface
public interface TlsLogin {
    String BEAN = "hubTlsLogin";

    /** The caller the request's client certificate proves, or empty (no TLS, no certificate, unknown login). */
    Optional<Caller> caller(Exchange exchange);

    /** The caller the exchange's client certificate proves through the bound {@value #BEAN}, or empty. */
    static Optional<Caller> of(Exchange exchange) {
        TlsLogin bound = exchange.getContext().getRegistry().lookupByNameAndType(BEAN, TlsLogin.class);
        return bound == null ? Optional.empty() : bound.caller(exchange);
    }
}
