package kz.gov.safework.contract.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detached JWS the hub signs its answers with: what it accepts and what it refuses. */
class DetachedJwsTest {
    private static final byte[] RECEIPT = "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);
    // Made once per JVM (a class initializer, not @BeforeAll): mutation testing runs this class once per mutant.
    private static final KeyPair rsa;
    private static final JWKSet published;
    private static final String kid;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            rsa = generator.generateKeyPair();
            RSAKey jwk = (RSAKey) HubSigningKeys.publicJwk(rsa.getPublic(), null);
            kid = jwk.getKeyID();
            published = new JWKSet(List.of(jwk));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void theAlgorithmFollowsTheKey() throws Exception {
        assertThat(DetachedJws.algorithmFor(rsa.getPublic())).isEqualTo(JWSAlgorithm.RS256);
        assertThat(DetachedJws.algorithmFor(ec("secp256r1").getPublic())).isEqualTo(JWSAlgorithm.ES256);
        assertThat(DetachedJws.algorithmFor(ec("secp384r1").getPublic())).isEqualTo(JWSAlgorithm.ES384);
        assertThat(DetachedJws.algorithmFor(ec("secp521r1").getPublic())).isEqualTo(JWSAlgorithm.ES512);
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThatThrownBy(() -> DetachedJws.algorithmFor(ed.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEcCurveSignsAndVerifies() throws Exception {
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            KeyPair keys = ec(curve);
            var jwk = HubSigningKeys.publicJwk(keys.getPublic(), null);
            JWSAlgorithm algorithm = DetachedJws.algorithmFor(keys.getPublic());
            String jws = DetachedJws.sign(RECEIPT, keys.getPrivate(), algorithm, jwk.getKeyID());
            assertThat(DetachedJws.verify(RECEIPT, jws, new JWKSet(jwk)).algorithm()).isEqualTo(algorithm);
        }
    }

    @Test
    void surroundingWhiteSpaceOfASignatureFileIsIgnored() throws Exception {
        String jws = DetachedJws.sign(RECEIPT, rsa.getPrivate(), JWSAlgorithm.RS256, kid);
        assertThat(DetachedJws.verify(RECEIPT, jws + "\n", published).kid()).isEqualTo(kid);
    }

    @Test
    void refusesWhatIsNotADetachedCompactJws() {
        for (String text : new String[] {"", "abc", "a.b", "a..", "..b", "a.b.c.d"}) {
            assertThatThrownBy(() -> DetachedJws.verify(RECEIPT, text, published)).as(text)
                    .isInstanceOf(DetachedJws.Invalid.class);
        }
    }

    @Test
    void refusesAMacSignatureEvenWithTheKidOfAPublishedKey() throws Exception {
        JWSObject hmac = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), new Payload(RECEIPT));
        hmac.sign(new MACSigner(new byte[32]));
        assertThatThrownBy(() -> DetachedJws.verify(RECEIPT, hmac.serialize(true), published))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("HS256");
    }

    @Test
    void refusesAnAlgorithmOtherThanTheKeysOwn() throws Exception {
        JWSObject ps = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(kid).build(), new Payload(RECEIPT));
        ps.sign(new RSASSASigner(rsa.getPrivate()));
        assertThatThrownBy(() -> DetachedJws.verify(RECEIPT, ps.serialize(true), published))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("RS256");
    }

    @Test
    void refusesTheUnencodedPayloadAndCriticalExtensions() throws Exception {
        JWSObject unencoded = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                .base64URLEncodePayload(false).criticalParams(java.util.Set.of("b64")).build(), new Payload(RECEIPT));
        unencoded.sign(new RSASSASigner(rsa.getPrivate()));
        assertThatThrownBy(() -> DetachedJws.verify(RECEIPT, unencoded.serialize(true), published))
                .isInstanceOf(DetachedJws.Invalid.class);
    }

    @Test
    void refusesASignatureWithoutKid() throws Exception {
        JWSObject bare = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(RECEIPT));
        bare.sign(new RSASSASigner(rsa.getPrivate()));
        assertThatThrownBy(() -> DetachedJws.verify(RECEIPT, bare.serialize(true), published))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("no published key");
    }

    @Test
    void refusesAHeaderThatIsNotJson() {
        String header = Base64URL.encode("not json").toString();
        assertThatThrownBy(() -> DetachedJws.verify(RECEIPT, header + "..c2ln", published))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("not a readable JWS");
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
