package kz.gov.safework.contract.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import kz.gov.safework.contract.reading.SafeXml;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;

/**
 * Test PKI made on the fly (nothing committed): a CA, agency certificates (RSA and EC), an expired and a revoked one
 * with the CA's CRL, and the signing helpers an agency would use.
 */
public final class SigningMaterial {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final X500Name CA = new X500Name("CN=Test National CA,O=Test");

    public record Identity(KeyPair keys, X509Certificate certificate) {
    }

    /*
     * Key pairs made once per JVM and handed out in order, so that one SigningMaterial never gives the same key to two
     * identities (its CA included) while the next one, in the same JVM, reuses them. An RSA 2048 key takes from 50 ms
     * to over a second to find; made anew for every test class, that variance alone made mutation testing time out
     * mutants that the tests kill in milliseconds.
     */
    private static final KeyPool RSA_KEYS = new KeyPool(() -> generate("RSA", 2048));
    private static final KeyPool EC_KEYS = new KeyPool(() -> generate("EC", 0));

    final KeyPair caKeys;
    private int rsaTaken;
    private int ecTaken;

    public SigningMaterial() throws GeneralSecurityException {
        caKeys = rsa();
    }

    public Identity agency(String cn, boolean ec) throws Exception {
        Instant now = Instant.now();
        return issue(cn, ec ? ec() : rsa(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    Identity expired(String cn) throws Exception {
        return expired(cn, false);
    }

    /** A certificate that expired yesterday, with an RSA or an EC P-256 key. */
    public Identity expired(String cn, boolean ec) throws Exception {
        Instant now = Instant.now();
        return issue(cn, ec ? ec() : rsa(), now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    }

    /** The CA's CRL, as an operator puts it beside an agency's certificates ({@code *.crl}). */
    public X509CRL crlRevoking(X509Certificate... revoked) throws Exception {
        Date now = new Date();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(CA, now);
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), now, CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
    }

    private Identity issue(String cn, KeyPair keys, Instant from, Instant to) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(CA,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
                new X500Name("CN=" + cn + ",O=Test"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
        return new Identity(keys, certificate);
    }

    public static void writePem(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
    }

    // ---- XML-DSig as an agency makes it ----

    public static Document parse(String xml) throws Exception {
        return SafeXml.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** An enveloped signature over the whole document, with the given reference URI and extra transforms. */
    public static Document sign(Document document, Identity signer, String uri, List<Transform> transforms)
            throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        String algorithm = signer.keys().getPrivate().getAlgorithm().equals("EC")
                ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256;
        Reference reference = factory.newReference(uri, factory.newDigestMethod(DigestMethod.SHA256, null),
                transforms, null, null);
        SignedInfo info = factory.newSignedInfo(
                factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                factory.newSignatureMethod(algorithm, null), List.of(reference));
        KeyInfoFactory keys = factory.getKeyInfoFactory();
        factory.newXMLSignature(info, keys.newKeyInfo(List.of(keys.newX509Data(List.of(signer.certificate())))))
                .sign(new DOMSignContext(signer.keys().getPrivate(), document.getDocumentElement()));
        return document;
    }

    public static Document signWhole(Document document, Identity signer) throws Exception {
        return sign(document, signer, "", standardTransforms());
    }

    public static List<Transform> standardTransforms() throws GeneralSecurityException {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        return List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
    }

    public static byte[] bytes(Document document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newDefaultInstance().newTransformer().transform(new DOMSource(document),
                new StreamResult(out));
        return out.toByteArray();
    }

    /** A compact JWS with the document as payload and the signer's certificate in {@code x5c}. */
    public static byte[] jws(String json, Identity signer) throws Exception {
        boolean ec = signer.keys().getPrivate() instanceof ECPrivateKey;
        JWSHeader header = new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(signer.certificate().getEncoded())))
                .build();
        JWSObject jws = new JWSObject(header, new Payload(json));
        jws.sign(ec ? new ECDSASigner((ECPrivateKey) signer.keys().getPrivate())
                : new RSASSASigner(signer.keys().getPrivate()));
        return jws.serialize().getBytes(StandardCharsets.US_ASCII);
    }

    private KeyPair rsa() throws GeneralSecurityException {
        return RSA_KEYS.get(rsaTaken++);
    }

    private KeyPair ec() throws GeneralSecurityException {
        return EC_KEYS.get(ecTaken++);
    }

    private static KeyPair generate(String algorithm, int rsaBits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (rsaBits > 0) {
            generator.initialize(rsaBits);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    /** The n-th key pair of a kind, made when first asked for. */
    private static final class KeyPool {
        private final KeySource source;
        private final List<KeyPair> made = new ArrayList<>();

        KeyPool(KeySource source) {
            this.source = source;
        }

        synchronized KeyPair get(int n) throws GeneralSecurityException {
            while (made.size() <= n) {
                made.add(source.make());
            }
            return made.get(n);
        }
    }

    @FunctionalInterface
    private interface KeySource {
        KeyPair make() throws GeneralSecurityException;
    }
}
