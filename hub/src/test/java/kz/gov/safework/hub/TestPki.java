package kz.gov.safework.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run: it issues the hub's server certificate (for 127.0.0.1 and
 * localhost) and agencies' client certificates, and writes them as PKCS12 files the way an operator would
 * with keytool or openssl.
 */
final class TestPki {
    static final String PASSWORD = "test-store-secret";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate caCert;

    TestPki(Path dir, String name) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.name = name;
        this.caKeys = newKeyPair();
        X500Name subject = new X500Name("CN=" + name + " test CA, O=Safe Labour hub tests");
        X509v3CertificateBuilder builder = builder(subject, subject, caKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.caCert = sign(builder, caKeys);
    }

    /** The CA as a truststore (hub.tls.truststore, clients' trustStoreLocation). */
    Path truststore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", caCert);
        return write(store, name + "-truststore.p12");
    }

    /** The CA certificate in PEM (curl --cacert). */
    Path caPem() throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(caCert);
        }
        return Files.writeString(dir.resolve(name + "-ca.pem"), pem.toString());
    }

    /** A server keystore for {@code CN=cn} valid for the given DNS names and IP addresses. */
    Path serverKeystore(String cn, String... hosts) throws Exception {
        GeneralName[] names = new GeneralName[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            boolean ip = hosts[i].matches("[0-9.]+");
            names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
        }
        return keystore(cn, KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
    }

    /** An agency's client keystore: {@code CN=<login>}. */
    Path clientKeystore(String login) throws Exception {
        return keystore(login, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** An SSLContext that trusts this CA only. */
    SSLContext trustingContext() throws Exception {
        return context(null);
    }

    /** An SSLContext presenting the given keystore's key (the server side of a test's TLS endpoint). */
    SSLContext serverContext(Path keystore) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keystore).getKeyManagers(), null, null);
        return context;
    }

    /** An SSLContext presenting the given client keystore and trusting this CA only. */
    SSLContext clientContext(Path keystore) throws Exception {
        return context(keyManagers(keystore).getKeyManagers());
    }

    /**
     * Like {@link #clientContext}, but presenting the keystore's certificate even when the server names other CAs
     * (a JDK client otherwise sends no certificate the server's CAs did not issue): to see the server refuse it.
     */
    SSLContext insistingClientContext(Path keystore) throws Exception {
        javax.net.ssl.X509ExtendedKeyManager keys = (javax.net.ssl.X509ExtendedKeyManager) keyManagers(keystore)
                .getKeyManagers()[0];
        javax.net.ssl.X509ExtendedKeyManager insisting = new javax.net.ssl.X509ExtendedKeyManager() {
            private String alias(String[] keyTypes) {
                for (String type : keyTypes) {
                    String[] aliases = keys.getClientAliases(type, null);
                    if (aliases != null && aliases.length > 0) {
                        return aliases[0];
                    }
                }
                return null;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                    javax.net.ssl.SSLEngine engine) {
                return alias(keyType);
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return alias(keyType);
            }

            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return keys.getClientAliases(keyType, null);
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return keys.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return keys.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        };
        return context(new javax.net.ssl.KeyManager[] {insisting});
    }

    /** A TLS context that trusts this CA only and presents what {@code keyManagers} hold (none when null). */
    private SSLContext context(javax.net.ssl.KeyManager[] keyManagers) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", caCert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyManagerFactory keyManagers(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        return keys;
    }

    private Path keystore(String cn, KeyPurposeId purpose, GeneralNames altNames) throws Exception {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + cn + ", O=Safe Labour hub tests"),
                keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        X509Certificate cert = sign(builder, caKeys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(cn, keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert, caCert});
        return write(store, name + "-" + cn + ".p12");
    }

    private Path write(KeyStore store, String file) throws Exception {
        Path path = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return path;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
