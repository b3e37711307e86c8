package kz.gov.safework.hub;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import kz.gov.safework.api.TlsLogin;
import kz.gov.safework.connectors.tls.CertificateLogin;
import kz.gov.safework.contract.reference.Principals.Principal;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * HTTPS mutual TLS for the API: the login a request's client certificate names, read from the TLS session of the
 * Vert.x request behind the exchange. Vert.x asks for the certificate and checks it against the truststore in the
 * handshake ({@code hub.tls.client-auth}, see {@link HttpConnectionLimits#vertx}); a session without a verified
 * certificate has no peer certificates, so it names nobody. The name is mapped as on the broker
 * ({@link CertificateLogin}: the subject's one CN, a login the credentials know).
 */
final class HttpsCertificateLogin implements TlsLogin {
    private final CredentialsAuthenticator authenticator;

    HttpsCertificateLogin(CredentialsAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Optional<Principal> caller(Exchange exchange) {
        if (!(exchange.getIn() instanceof HttpMessage http)) {
            return Optional.empty();
        }
        HttpServerRequest request = http.getRequest();
        if (request == null || !request.isSSL()) {
            return Optional.empty();
        }
        return login(request.sslSession()).flatMap(authenticator::certified);
    }

    /** The login the session's verified peer certificate names (its subject's CN), or empty. */
    static Optional<String> login(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (!Arrays.stream(chain).allMatch(X509Certificate.class::isInstance)) {
                return Optional.empty();
            }
            return CertificateLogin.of(Arrays.copyOf(chain, chain.length, X509Certificate[].class));
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }
}
