package kz.gov.safework.contract.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSigningKeysTest {
    private static final char[] PASSWORD = "keystore-test-secret".toCharArray();
    private static final byte[] RECEIPT = "{\"submissionId\":\"jms-1\",\"status\":\"ACCEPTED\"}"
            .getBytes(StandardCharsets.UTF_8);
    // Made once per JVM (a class initializer, not @BeforeAll): mutation testing runs this class once per mutant.
    private static final SigningMaterial.Identity rsaA;
    private static final SigningMaterial.Identity rsaB;
    private static final SigningMaterial.Identity ec;

    static {
        try {
            SigningMaterial pki = new SigningMaterial();
            rsaA = pki.agency("hub-a", false);
            rsaB = pki.agency("hub-b", false);
            ec = pki.agency("hub-ec", true);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private final List<String> problems = new ArrayList<>();

    @Test
    void signsDetachedOverTheExactBytesAndVerifiesWithThePublishedKeys() throws Exception {
        HubSigningKeys keys = keys(keystore("hub", rsaA));
        String jws = keys.sign(RECEIPT);

        assertThat(jws.split("\\.", -1)).hasSize(3).satisfies(p -> assertThat(p[1]).isEmpty());
        DetachedJws.Checked checked = DetachedJws.verify(RECEIPT, jws, keys.publicKeys());
        assertThat(checked.kid()).isEqualTo(keys.current().kid());
        assertThat(checked.algorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void oneChangedByteOfTheReceiptFailsVerification() throws Exception {
        HubSigningKeys keys = keys(keystore("hub", rsaA));
        String jws = keys.sign(RECEIPT);
        for (int i = 0; i < RECEIPT.length; i += 7) {
            byte[] changed = RECEIPT.clone();
            changed[i] ^= 1;
            assertRefused(changed, jws, keys).hasMessageContaining("does not match");
        }
        byte[] longer = Arrays.copyOf(RECEIPT, RECEIPT.length + 1);
        longer[RECEIPT.length] = '\n';
        assertRefused(longer, jws, keys);
    }

    @Test
    void oneChangedCharacterOfTheSignatureFailsVerification() throws Exception {
        HubSigningKeys keys = keys(keystore("hub", rsaA));
        String jws = keys.sign(RECEIPT);
        int at = jws.length() - 10;
        String changed = jws.substring(0, at) + (jws.charAt(at) == 'A' ? 'B' : 'A') + jws.substring(at + 1);
        assertRefused(RECEIPT, changed, keys);
    }

    @Test
    void refusesAnAttachedPayloadAndAnUnknownKey() throws Exception {
        HubSigningKeys keys = keys(keystore("hub", rsaA));
        String jws = keys.sign(RECEIPT);
        String[] parts = jws.split("\\.", -1);
        String attached = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(RECEIPT) + "."
                + parts[2];
        assertRefused(RECEIPT, attached, keys).hasMessageContaining("detached");

        HubSigningKeys other = keys(keystore("hub", rsaB));
        assertRefused(RECEIPT, jws, other).hasMessageContaining("no published key");
    }

    @Test
    void theKidIsTheRfc7638ThumbprintWithAlgAndCertificate() throws Exception {
        HubSigningKeys keys = keys(keystore("hub", rsaA));
        RSAPublicKey key = (RSAPublicKey) rsaA.certificate().getPublicKey();
        String members = "{\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\",\"kty\":\"RSA\",\"n\":\""
                + b64(unsigned(key.getModulus())) + "\"}";
        String thumbprint = b64(MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));

        JWK published = keys.publicKeys().getKeys().get(0);
        assertThat(published.getKeyID()).isEqualTo(thumbprint).isEqualTo(keys.current().kid());
        assertThat(published.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.getParsedX509CertChain()).containsExactly(rsaA.certificate());
        assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void anEcKeySignsWithEs256() throws Exception {
        HubSigningKeys keys = keys(keystore("hub", ec));
        String jws = keys.sign(RECEIPT);
        assertThat(DetachedJws.verify(RECEIPT, jws, keys.publicKeys()).algorithm()).isEqualTo(JWSAlgorithm.ES256);
        byte[] changed = RECEIPT.clone();
        changed[3] ^= 1;
        assertRefused(changed, jws, keys);
    }

    @Test
    void aRotatedKeystoreSignsWithTheNewKeyAndKeepsTheOldOnePublished() throws Exception {
        Path file = keystore("hub", rsaA);
        HubSigningKeys keys = keys(file);
        String kidA = keys.current().kid();
        String signedBefore = keys.sign(RECEIPT);

        write(file, "hub", rsaB);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(keys.current().kid()).as("not checked again before the interval").isEqualTo(kidA);
        clock.advance(Duration.ofMinutes(1));

        String kidB = keys.current().kid();
        assertThat(kidB).isNotEqualTo(kidA);
        JWKSet published = keys.publicKeys();
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(kidB, kidA);
        assertThat(DetachedJws.verify(RECEIPT, signedBefore, published).kid()).isEqualTo(kidA);
        assertThat(DetachedJws.verify(RECEIPT, keys.sign(RECEIPT), published).kid()).isEqualTo(kidB);
        assertThat(problems).isEmpty();
    }

    @Test
    void otherKeyEntriesOfTheKeystoreArePublishedButDoNotSign() throws Exception {
        Path file = dir.resolve("two.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hub", rsaB.keys().getPrivate(), PASSWORD, new Certificate[] {rsaB.certificate()});
        store.setKeyEntry("hub-2025", rsaA.keys().getPrivate(), PASSWORD, new Certificate[] {rsaA.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        HubSigningKeys keys = keys(file);
        HubSigningKeys onlyA = keys(keystore("hub", rsaA));
        assertThat(keys.publicKeys().getKeys()).hasSize(2);
        assertThat(keys.publicKeys().getKeyByKeyId(onlyA.current().kid())).isNotNull();
        assertThat(keys.current().kid()).isNotEqualTo(onlyA.current().kid());
    }

    @Test
    void anUnreadableNewFileKeepsTheCurrentKeyAndSaysSo() throws Exception {
        Path file = keystore("hub", rsaA);
        HubSigningKeys keys = keys(file);
        String kid = keys.current().kid();
        Files.write(file, "half a keystore".getBytes(StandardCharsets.US_ASCII));
        clock.advance(Duration.ofMinutes(1));

        assertThat(keys.current().kid()).isEqualTo(kid);
        assertThat(DetachedJws.verify(RECEIPT, keys.sign(RECEIPT), keys.publicKeys()).kid()).isEqualTo(kid);
        assertThat(problems).hasSize(1).allSatisfy(p -> assertThat(p)
                .contains(file.toString(), kid).doesNotContain(new String(PASSWORD)));
    }

    @Test
    void aMissingAliasOrWrongPasswordStopsStartUp() throws Exception {
        Path file = keystore("other", rsaA);
        assertThatThrownBy(() -> keys(file)).isInstanceOf(IOException.class).hasMessageContaining("no key entry 'hub'");
        assertThatThrownBy(() -> new HubSigningKeys(new HubSigningKeys.Source(file, "PKCS12",
                "wrong".toCharArray(), "other"), clock, Duration.ofMinutes(1), problems::add))
                .isInstanceOf(IOException.class).hasMessageNotContaining("wrong");
    }

    private HubSigningKeys keys(Path file) throws IOException {
        return new HubSigningKeys(new HubSigningKeys.Source(file, "PKCS12", PASSWORD, "hub"), clock,
                Duration.ofMinutes(1), problems::add);
    }

    private Path keystore(String alias, SigningMaterial.Identity identity) throws Exception {
        Path file = Files.createTempFile(dir, "hub-", ".p12");
        write(file, alias, identity);
        return file;
    }

    private static void write(Path file, String alias, SigningMaterial.Identity identity) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, identity.keys().getPrivate(), PASSWORD, new Certificate[] {identity.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Verifying {@code jws} over {@code payload} with the keys {@code keys} publishes must fail. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] payload, String jws,
            HubSigningKeys keys) {
        return assertThatThrownBy(() -> DetachedJws.verify(payload, jws, keys.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class);
    }
}
