package kz.gov.safework.contract.signature;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hub's signing keys, from a keystore file: the entry named by the alias signs, every other key entry of the file
 * is published too (the keys signed with before a rotation), and so is every key this process signed with since it
 * started. The file is read again when its size or modification time changed, checked at most once per interval,
 * so a rotation needs no restart: put the new key under the alias (the old one under another alias, to keep it
 * published after a restart) and the next receipt is signed with it. A file that cannot be read (half copied, wrong
 * password) leaves the current key in use and is reported to {@code problems}; it is tried again at the next check.
 * Each key's {@code kid} is its RFC 7638 thumbprint (SHA-256).
 */
public final class HubSigningKeys implements PackageSigner {
    /** Where the keys come from; the password is never part of any message. */
    public record Source(Path keystore, String type, char[] password, String alias) {
    }

    /** The key that signs now. */
    public record SigningKey(String kid, JWSAlgorithm algorithm, PrivateKey privateKey, JWK publicJwk) {
    }

    private record State(SigningKey current, Map<String, JWK> published, Instant modified, long size,
            Instant checkedAt) {
    }

    private final Source source;
    private final Clock clock;
    private final Duration checkInterval;
    private final Consumer<String> problems;
    private volatile State state;

    /** Reads the keystore now; a keystore that cannot be read or lacks the alias stops the caller (start-up). */
    public HubSigningKeys(Source source, Clock clock, Duration checkInterval, Consumer<String> problems)
            throws IOException {
        this.source = source;
        this.clock = clock;
        this.checkInterval = checkInterval;
        this.problems = problems;
        this.state = load(Map.of());
    }

    @Override
    public String sign(byte[] payload) {
        SigningKey key = current();
        return DetachedJws.sign(payload, key.privateKey(), key.algorithm(), key.kid());
    }

    @Override
    public byte[] signXml(byte[] xml) {
        return HubXmlSignature.sign(xml, current());
    }

    /** The key that signs now (the file checked for a change first, when the interval has passed). */
    public SigningKey current() {
        return fresh().current();
    }

    /** Every published key, public parts only, the signing one first. */
    public JWKSet publicKeys() {
        return new JWKSet(new ArrayList<>(fresh().published().values()));
    }

    private State fresh() {
        State now = state;
        if (Duration.between(now.checkedAt(), clock.instant()).compareTo(checkInterval) >= 0) {
            reloadIfChanged();
        }
        return state;
    }

    /** Reads the file again if it changed since it was last read; keeps the current key if it cannot be read. */
    public synchronized void reloadIfChanged() {
        State before = state;
        try {
            BasicFileAttributes attributes = Files.readAttributes(source.keystore(), BasicFileAttributes.class);
            if (attributes.lastModifiedTime().toInstant().equals(before.modified())
                    && attributes.size() == before.size()) {
                state = new State(before.current(), before.published(), before.modified(), before.size(),
                        clock.instant());
                return;
            }
            state = load(before.published());
        } catch (IOException | RuntimeException e) {
            state = new State(before.current(), before.published(), before.modified(), before.size(), clock.instant());
            problems.accept("The hub's signing keystore " + source.keystore() + " could not be read again ("
                    + e.getMessage() + "); still signing with key " + before.current().kid());
        }
    }

    private State load(Map<String, JWK> earlier) throws IOException {
        Path file = source.keystore();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        KeyStore keystore;
        try (InputStream in = Files.newInputStream(file)) {
            keystore = KeyStore.getInstance(source.type());
            keystore.load(in, source.password());
        } catch (GeneralSecurityException e) {
            throw new IOException("signing keystore " + file + " of type " + source.type() + " is not readable: "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            if (!keystore.isKeyEntry(source.alias())) {
                throw new IOException("signing keystore " + file + " has no key entry '" + source.alias() + "'");
            }
            PrivateKey privateKey = (PrivateKey) keystore.getKey(source.alias(), source.password());
            JWK signing = publicJwk(keystore.getCertificateChain(source.alias()));
            Map<String, JWK> published = new LinkedHashMap<>();
            published.put(signing.getKeyID(), signing);
            for (String alias : Collections.list(keystore.aliases())) {
                if (!alias.equals(source.alias()) && keystore.isKeyEntry(alias)) {
                    JWK other = publicJwk(keystore.getCertificateChain(alias));
                    published.putIfAbsent(other.getKeyID(), other);
                }
            }
            earlier.forEach(published::putIfAbsent);
            SigningKey current = new SigningKey(signing.getKeyID(), (JWSAlgorithm) signing.getAlgorithm(), privateKey,
                    signing);
            return new State(current, Collections.unmodifiableMap(published),
                    attributes.lastModifiedTime().toInstant(), attributes.size(), clock.instant());
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IOException("signing keystore " + file + ": key '" + source.alias() + "' is not usable: "
                    + e.getMessage(), e);
        }
    }

    /** The public JWK of a certificate chain: kid = RFC 7638 thumbprint, alg, use sig, x5c. */
    static JWK publicJwk(Certificate[] chain) throws JOSEException {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            throw new JOSEException("the key entry has no X.509 certificate");
        }
        List<Base64> x5c = new ArrayList<>();
        try {
            for (Certificate certificate : chain) {
                x5c.add(Base64.encode(certificate.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new JOSEException("unencodable certificate", e);
        }
        return publicJwk(chain[0].getPublicKey(), x5c);
    }

    static JWK publicJwk(PublicKey key, List<Base64> x5c) throws JOSEException {
        JWSAlgorithm algorithm;
        try {
            algorithm = DetachedJws.algorithmFor(key);
        } catch (IllegalArgumentException e) {
            throw new JOSEException(e.getMessage());
        }
        JWK bare = key instanceof ECPublicKey ec ? new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build()
                : new RSAKey.Builder((RSAPublicKey) key).build();
        String kid = bare.computeThumbprint().toString();
        if (bare instanceof ECKey ec) {
            return new ECKey.Builder(ec).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).x509CertChain(x5c)
                    .build();
        }
        return new RSAKey.Builder((RSAKey) bare).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                .x509CertChain(x5c).build();
    }
}
