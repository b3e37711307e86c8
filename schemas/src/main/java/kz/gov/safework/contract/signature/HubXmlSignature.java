package kz.gov.safework.contract.signature;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.KeyName;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import kz.gov.safework.contract.reading.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The hub's enveloped XML-DSig over a whole XML document it sends (the consolidated report): one {@code ds:Signature}
 * as the root element's last child, one Reference {@code URI=""} with the enveloped and exclusive-c14n transforms,
 * SHA-256, exclusive c14n of SignedInfo, signed with the hub's current key. {@code ds:KeyInfo} carries the key's
 * {@code kid} ({@code ds:KeyName}, the same as in {@code /.well-known/jwks.json}) and its certificate
 * ({@code ds:X509Data}), so the document verifies offline with the published keys, with {@code xmlsec1} and the
 * certificate, or with any XML-DSig library.
 */
public final class HubXmlSignature {
    private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
    private static final Map<JWSAlgorithm, String> METHODS = Map.of(JWSAlgorithm.RS256, SignatureMethod.RSA_SHA256,
            JWSAlgorithm.ES256, SignatureMethod.ECDSA_SHA256, JWSAlgorithm.ES384, SignatureMethod.ECDSA_SHA384,
            JWSAlgorithm.ES512, SignatureMethod.ECDSA_SHA512);

    private HubXmlSignature() {
    }

    /** {@code xml} with the hub's enveloped signature added, serialized as UTF-8. */
    public static byte[] sign(byte[] xml, HubSigningKeys.SigningKey key) {
        String method = METHODS.get(key.algorithm());
        if (method == null) {
            throw new IllegalStateException("no XML-DSig signature method for " + key.algorithm());
        }
        try {
            Document document = parse(xml);
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            List<Transform> transforms = List.of(
                    factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                    factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
            Reference reference = factory.newReference("", factory.newDigestMethod(DigestMethod.SHA256, null),
                    transforms, null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(method, null), List.of(reference));
            KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
            List<XMLStructure> keyInfo = new ArrayList<>();
            keyInfo.add(keyInfos.newKeyName(key.kid()));
            List<X509Certificate> chain = key.publicJwk().getParsedX509CertChain();
            if (chain != null && !chain.isEmpty()) {
                keyInfo.add(keyInfos.newX509Data(List.of(chain.get(0))));
            } else {
                keyInfo.add(keyInfos.newKeyValue(((AsymmetricJWK) key.publicJwk()).toPublicKey()));
            }
            DOMSignContext context = new DOMSignContext(key.privateKey(), document.getDocumentElement());
            context.setDefaultNamespacePrefix("ds");
            factory.newXMLSignature(signedInfo, keyInfos.newKeyInfo(keyInfo)).sign(context);
            return serialize(document);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException | JOSEException
                | SAXException | IOException | TransformerException e) {
            throw new IllegalStateException("cannot sign the XML with the hub's key " + key.kid() + ": " + e, e);
        }
    }

    /**
     * Verifies the hub's enveloped signature over the whole of {@code xml} with the published key its
     * {@code ds:KeyName} names; a signature of any other shape (see {@link SignatureVerifier}) is refused.
     */
    public static DetachedJws.Checked verify(byte[] xml, JWKSet keys) throws DetachedJws.Invalid {
        Document document;
        try {
            document = parse(xml);
        } catch (SAXException | IOException e) {
            throw new DetachedJws.Invalid("not readable XML: " + e.getMessage());
        }
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() != 1) {
            throw new DetachedJws.Invalid("the document carries " + signatures.getLength() + " signatures, not one");
        }
        Element element = (Element) signatures.item(0);
        if (element.getParentNode() != document.getDocumentElement()) {
            throw new DetachedJws.Invalid("the signature is not a child of the document's root element");
        }
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        try {
            // Read once without a key to learn the kid and check the shape, then validate with the published key.
            DOMValidateContext reading = new DOMValidateContext(new NoKey(), element);
            reading.setProperty(SECURE_VALIDATION, Boolean.TRUE);
            XMLSignature signature = factory.unmarshalXMLSignature(reading);
            SignatureVerifier.requireWholeDocument(signature);
            String method = signature.getSignedInfo().getSignatureMethod().getAlgorithm();
            JWSAlgorithm algorithm = METHODS.entrySet().stream().filter(e -> e.getValue().equals(method))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new DetachedJws.Invalid("signature method " + method
                            + " is not one the hub signs with"));
            String kid = kid(signature.getKeyInfo());
            JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
            if (jwk == null) {
                throw new DetachedJws.Invalid("no published key with kid " + kid);
            }
            if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(algorithm)) {
                throw new DetachedJws.Invalid("key " + kid + " is for " + jwk.getAlgorithm() + ", the signature says "
                        + algorithm);
            }
            PublicKey key = ((AsymmetricJWK) jwk).toPublicKey();
            DOMValidateContext context = new DOMValidateContext(key, element);
            context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
            if (!factory.unmarshalXMLSignature(context).validate(context)) {
                throw new DetachedJws.Invalid("the signature does not match the document (key " + kid + ")");
            }
            return new DetachedJws.Checked(kid, algorithm);
        } catch (SignatureRefused e) {
            throw new DetachedJws.Invalid(e.getMessage());
        } catch (MarshalException | XMLSignatureException | JOSEException | ClassCastException e) {
            throw new DetachedJws.Invalid("the signature could not be verified: " + e.getMessage());
        }
    }

    private static String kid(KeyInfo keyInfo) {
        if (keyInfo == null) {
            return null;
        }
        for (Object item : keyInfo.getContent()) {
            if (item instanceof KeyName name) {
                return name.getName();
            }
        }
        return null;
    }

    private static Document parse(byte[] xml) throws SAXException, IOException {
        javax.xml.parsers.DocumentBuilder builder = SafeXml.newDocumentBuilder();
        builder.setErrorHandler(null); // a broken document is an exception for the caller, not a line on stderr
        return builder.parse(new ByteArrayInputStream(xml));
    }

    private static byte[] serialize(Document document) throws TransformerException {
        TransformerFactory factory = TransformerFactory.newInstance();
        Transformer transformer = factory.newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toByteArray();
    }

    /** A key selector for reading only: it selects nothing (the signature is validated with the second context). */
    private static final class NoKey extends javax.xml.crypto.KeySelector {
        @Override
        public javax.xml.crypto.KeySelectorResult select(KeyInfo keyInfo, Purpose purpose,
                javax.xml.crypto.AlgorithmMethod method, javax.xml.crypto.XMLCryptoContext context)
                throws javax.xml.crypto.KeySelectorException {
            throw new javax.xml.crypto.KeySelectorException("no key while reading");
        }
    }
}
