package kz.gov.safework.cycle;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import kz.gov.safework.contract.signature.HubSigningKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The hub's signing keys for route tests: the production {@link HubSigningKeys} over a PKCS#12 keystore holding an
 * EC P-256 key and its self-signed certificate, made once per JVM (EC, not RSA: mutation testing runs these tests
 * many times). The keystore file is the one a {@code verify} or {@code xmlsec1} check may read the certificate from.
 */
final class TestHubKeys {
    static final String ALIAS = "hub";
    static final char[] PASSWORD = "route-test-keystore".toCharArray();
    static final X509Certificate CERTIFICATE;
    static final HubSigningKeys KEYS;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=Route-test signing key of the Safe Labour hub,O=TEST");
            CERTIFICATE = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(null, null);
            keystore.setKeyEntry(ALIAS, pair.getPrivate(), PASSWORD, new Certificate[] {CERTIFICATE});
            Path file = Files.createTempFile("hub-signing-", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                keystore.store(out, PASSWORD);
            }
            KEYS = new HubSigningKeys(new HubSigningKeys.Source(file, "PKCS12", PASSWORD, ALIAS), Clock.systemUTC(),
                    Duration.ofDays(1), problem -> {
                        throw new IllegalStateException(problem);
                    });
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestHubKeys() {
    }
}
