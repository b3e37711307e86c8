package kz.gov.safework.contract.signature;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.Set;

/**
 * Detached compact JWS (RFC 7515 appendix F): {@code BASE64URL(header)..BASE64URL(signature)}, the payload being the
 * exact bytes it travels beside (signing input {@code header.BASE64URL(payload)}). The protected header carries only
 * {@code alg} and {@code kid}; {@code b64} and {@code crit} are refused, so what is signed is always the standard
 * input any JOSE library computes.
 */
public final class DetachedJws {
    /** What a verification found: the key that signed and its algorithm. */
    public record Checked(String kid, JWSAlgorithm algorithm) {
    }

    /** The signature does not verify, or names no published key, or is not a detached compact JWS. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private DetachedJws() {
    }

    /** The algorithm the hub signs with for a key: RS256 for RSA, ES256/384/512 by the EC key's curve. */
    public static JWSAlgorithm algorithmFor(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (Curve.P_384.equals(curve)) {
                return JWSAlgorithm.ES384;
            }
            if (Curve.P_521.equals(curve)) {
                return JWSAlgorithm.ES512;
            }
            if (Curve.P_256.equals(curve)) {
                return JWSAlgorithm.ES256;
            }
            throw new IllegalArgumentException("EC curve not usable for JWS: " + ec.getParams());
        }
        if ("RSA".equals(key.getAlgorithm())) {
            return JWSAlgorithm.RS256;
        }
        throw new IllegalArgumentException("key type not usable for JWS: " + key.getAlgorithm());
    }

    /** Signs {@code payload} with {@code key}: {@code header..signature}. */
    public static String sign(byte[] payload, PrivateKey key, JWSAlgorithm algorithm, String kid) {
        try {
            JWSSigner signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec)
                    : new RSASSASigner(key);
            JWSObject jws = new JWSObject(new JWSHeader.Builder(algorithm).keyID(kid).build(), new Payload(payload));
            jws.sign(signer);
            return jws.serialize(true);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the hub's key " + kid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies {@code detached} over exactly {@code payload} with the key of {@code keys} its {@code kid} names.
     */
    public static Checked verify(byte[] payload, String detached, JWKSet keys) throws Invalid {
        String text = detached.strip();
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new Invalid("not a detached compact JWS (header..signature)");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(text, new Payload(payload));
        } catch (ParseException e) {
            throw new Invalid("not a readable JWS: " + e.getMessage());
        }
        JWSHeader header = jws.getHeader();
        if (!header.isBase64URLEncodePayload() || header.getCriticalParams() != null) {
            throw new Invalid("the JWS header asks for b64 or crit extensions, which the hub never sets");
        }
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new Invalid("algorithm " + header.getAlgorithm() + " is not an RSA or ECDSA JWS algorithm");
        }
        String kid = header.getKeyID();
        JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
        if (jwk == null) {
            throw new Invalid("no published key with kid " + kid);
        }
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(header.getAlgorithm())) {
            throw new Invalid("key " + kid + " is for " + jwk.getAlgorithm() + ", the JWS says " + header.getAlgorithm());
        }
        try {
            PublicKey key = ((AsymmetricJWK) jwk).toPublicKey();
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(header, key);
            if (!jws.verify(verifier)) {
                throw new Invalid("the signature does not match the bytes (key " + kid + ")");
            }
        } catch (JOSEException | ClassCastException e) {
            throw new Invalid("key " + kid + " cannot verify " + header.getAlgorithm() + ": " + e.getMessage());
        }
        return new Checked(kid, header.getAlgorithm());
    }
}
