package kz.gov.safework.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;
import java.util.function.Function;
import kz.gov.safework.contract.signature.HubSigningKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The hub's signing key from {@code hub.signing.*}: the configured keystore, or, when none is configured, a demo key
 * made once into {@code <data dir>/signing/} (its certificate's subject says DEMO; production mode refuses it, see
 * {@link ProductionCheck}). No private key is ever committed: the demo key is made on the machine that runs it.
 */
final class HubSigning {
    /** Below the data dir: the demo keystore, made at first start. */
    static final String DEMO_KEYSTORE = "signing/hub-signing-DEMO.p12";
    /** The demo keystore's password: published here on purpose, the demo key protects nothing. */
    static final String DEMO_PASSWORD = "demo-signing-key";
    static final String DEMO_SUBJECT = "CN=DEMO signing key of the Safe Labour hub - NOT FOR PRODUCTION,O=DEMO";

    private HubSigning() {
    }

    /** Where the hub's keys are: the configured keystore, or the demo keystore (made now if absent). */
    static HubSigningKeys.Source source(Function<String, String> settings, Path configDir, Path dataDir)
            throws IOException {
        String alias = settings.apply(HubSettings.SIGNING_ALIAS);
        String configured = settings.apply(HubSettings.SIGNING_KEYSTORE);
        if (configured.isEmpty()) {
            return new HubSigningKeys.Source(demoKeystore(dataDir, alias), "PKCS12", DEMO_PASSWORD.toCharArray(), alias);
        }
        return new HubSigningKeys.Source(configDir.resolve(configured),
                settings.apply(HubSettings.SIGNING_KEYSTORE_TYPE),
                settings.apply(HubSettings.SIGNING_KEYSTORE_PASSWORD).toCharArray(), alias);
    }

    static HubSigningKeys keys(Function<String, String> settings, Path configDir, Path dataDir, Clock clock,
            Duration reloadInterval, Consumer<String> problems) throws IOException {
        return new HubSigningKeys(source(settings, configDir, dataDir), clock, reloadInterval, problems);
    }

    /** The demo keystore below the data dir, made (RSA 3072, self-signed, subject DEMO) if it is not there yet. */
    static Path demoKeystore(Path dataDir, String alias) throws IOException {
        Path file = dataDir.resolve(DEMO_KEYSTORE);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".signing-", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data dir's own permissions protect it
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair keys = generator.generateKeyPair();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, keys.getPrivate(), DEMO_PASSWORD.toCharArray(),
                    new Certificate[] {selfSigned(keys)});
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, DEMO_PASSWORD.toCharArray());
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the demo signing key in " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    private static X509Certificate selfSigned(KeyPair keys) throws GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X500Name subject = new X500Name(DEMO_SUBJECT);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
