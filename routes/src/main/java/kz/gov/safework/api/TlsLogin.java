package kz.gov.safework.api;

import java.util.Optional;
import kz.gov.safework.contract.reference.Principals.Principal;
import org.apache.camel.Exchange;

/**
 * HTTPS mutual TLS: the principal a verified client certificate on the request's connection proves (its subject's
 * CN is a known login, as on the broker). {@link ApiAuthentication} asks it for a request that carries no
 * Authorization header. The HTTP server has checked the certificate against {@code hub.tls.truststore} in the
 * handshake; an implementation only reads the name. Made by the application (which knows the HTTP server) and
 * passed to {@link ApiAuthentication}; without a certificate the caller must use Basic.
 */
@FunctionalInterface
public interface TlsLogin {

    /** The principal the request's client certificate proves, or empty (no TLS, no certificate, unknown login). */
    Optional<Principal> caller(Exchange exchange);
}
