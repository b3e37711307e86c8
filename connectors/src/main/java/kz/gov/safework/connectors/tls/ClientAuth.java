package kz.gov.safework.connectors.tls;

import java.util.Locale;

/** {@code hub.tls.client-auth}: whether TLS listeners ask callers for a certificate. */
public enum ClientAuth {
    /** No client certificate is asked for; callers log in with a password. */
    NONE,
    /** A certificate is asked for; a caller without one may still log in with a password. */
    WANT,
    /** Every caller must present a certificate the truststore trusts. */
    NEED;

    static ClientAuth parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            return NONE;
        }
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(TlsSettings.CLIENT_AUTH + " must be none, want or need, not '" + value + "'");
        }
    }
}
