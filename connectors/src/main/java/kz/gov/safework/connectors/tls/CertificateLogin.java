package kz.gov.safework.connectors.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Mutual TLS: the login a verified client certificate stands for is its subject's common name
 * ({@code CN=mz} is the agency {@code mz}). The chain has already been checked against the truststore by
 * the TLS handshake; this only reads the name.
 */
public final class CertificateLogin {

    private CertificateLogin() {
    }

    /** The CN of the peer's own certificate (the first of the chain), if it has exactly one. */
    public static Optional<String> of(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        return commonName(chain[0].getSubjectX500Principal());
    }

    static Optional<String> commonName(X500Principal subject) {
        try {
            String found = null;
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    if (found != null) {
                        return Optional.empty(); // two CNs: ambiguous, so no identity
                    }
                    found = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(found).filter(cn -> !cn.isBlank());
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
