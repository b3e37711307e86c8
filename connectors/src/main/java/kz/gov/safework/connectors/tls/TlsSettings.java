package kz.gov.safework.connectors.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import kz.gov.safework.contract.HubDirectories;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The hub's TLS material, from {@code hub.tls.*}: one PKCS12 keystore with the hub's key and certificate
 * (broker TLS acceptor, HTTPS) and one truststore with the CAs the hub trusts (agencies' client
 * certificates, mail servers). Relative paths are resolved against the config dir. Empty keys mean
 * "not configured"; passwords never appear in {@link #toString()}.
 */
public record TlsSettings(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
        ClientAuth clientAuth) {
    public static final String KEYSTORE = "hub.tls.keystore";
    public static final String KEYSTORE_PASSWORD = "hub.tls.keystore-password";
    public static final String TRUSTSTORE = "hub.tls.truststore";
    public static final String TRUSTSTORE_PASSWORD = "hub.tls.truststore-password";
    public static final String CLIENT_AUTH = "hub.tls.client-auth";
    /** Keystores are PKCS12 (what keytool and openssl write by default). */
    public static final String STORE_TYPE = "PKCS12";

    public TlsSettings {
        check(keystore, KEYSTORE);
        check(truststore, TRUSTSTORE);
        if (clientAuth != ClientAuth.NONE && truststore == null) {
            throw new IllegalStateException(CLIENT_AUTH + "=" + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs " + TRUSTSTORE + " (the CA that signs the agencies' certificates)");
        }
    }

    public static TlsSettings none() {
        return new TlsSettings(null, "", null, "", ClientAuth.NONE);
    }

    public static TlsSettings load(PropertiesComponent props) {
        Path configDir = Path.of(get(props, HubDirectories.CONFIG_DIR_KEY));
        return new TlsSettings(path(configDir, get(props, KEYSTORE)), get(props, KEYSTORE_PASSWORD),
                path(configDir, get(props, TRUSTSTORE)), get(props, TRUSTSTORE_PASSWORD),
                ClientAuth.parse(get(props, CLIENT_AUTH)));
    }

    public boolean hasKeystore() {
        return keystore != null;
    }

    public boolean hasTruststore() {
        return truststore != null;
    }

    /** The keystore, or a start-up failure naming the setting that needs it. */
    public Path requireKeystore(String neededBy) {
        if (keystore == null) {
            throw new IllegalStateException(neededBy + " is set, so " + KEYSTORE + " must name the hub's PKCS12 keystore");
        }
        return keystore;
    }

    /** For a TLS server (HTTPS): the hub's key, and the truststore for client certificates if there is one. */
    public SSLContextParameters serverParameters() {
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store(keystore, keystorePassword));
        keys.setKeyPassword(keystorePassword);
        SSLContextParameters params = new SSLContextParameters();
        params.setKeyManagers(keys);
        if (truststore != null) {
            params.setTrustManagers(trust());
        }
        return params;
    }

    /**
     * For the hub as a TLS client (IMAPS, SMTPS): server certificates are checked against the truststore
     * (host names are checked by the mail client itself). Only meaningful when {@link #hasTruststore()}.
     */
    public SSLContextParameters clientParameters() {
        SSLContextParameters params = new SSLContextParameters();
        params.setTrustManagers(trust());
        return params;
    }

    private TrustManagersParameters trust() {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store(truststore, truststorePassword));
        return trust;
    }

    private static KeyStoreParameters store(Path file, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + file);
        store.setPassword(password);
        store.setType(STORE_TYPE);
        return store;
    }

    private static void check(Path file, String key) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalStateException(key + " names " + file + ", which is not a readable file");
        }
    }

    private static Path path(Path configDir, String value) {
        return value.isEmpty() ? null : configDir.resolve(value).toAbsolutePath().normalize();
    }

    private static String get(PropertiesComponent props, String key) {
        return props.resolveProperty(key).map(String::trim).orElse("");
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", truststore=" + truststore + ", clientAuth=" + clientAuth + "]";
    }
}
