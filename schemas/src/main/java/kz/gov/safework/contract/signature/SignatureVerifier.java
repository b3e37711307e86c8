package kz.gov.safework.contract.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import kz.gov.safework.contract.reading.DocumentFormat;
import kz.gov.safework.contract.reading.SafeJson;
import kz.gov.safework.contract.reading.SafeXml;
import kz.gov.safework.contract.validation.ErrorCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Verifies an agency's signature over a whole document: an enveloped XML-DSig ({@code javax.xml.crypto}, the JDK's or
 * a provider's, see {@link #xmlSignatureFactory}; secure validation on) on XML, a JWS carrying the document as its
 * payload (compact, or JSON serialization with one signature) on JSON. Only a signature that covers the whole document
 * is accepted: one signature, a child of the root element, one
 * Reference with {@code URI=""}, transforms enveloped plus at most one canonicalization, no {@code ds:Object}; anything
 * else is {@code SIGNATURE_REFERENCE_INVALID}, which closes the signature-wrapping attacks. The signing certificate
 * travels with the signature ({@code ds:X509Data}, JWS {@code x5c}) and must be registered for an agency. Call it after
 * the safe reader accepted the document, so that the XML limits apply before any signature is read.
 */
public final class SignatureVerifier {
    private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
    private static final Set<String> CANONICALIZATIONS = Set.of(CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+");
    /** For reading a signature's structure before its certificate is known: selects no key. */
    private static final KeySelector NO_KEY = new KeySelector() {
        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            throw new KeySelectorException("no key before the certificate is checked");
        }
    };

    private final AgencyCertificates certificates;
    private final Clock clock;

    public SignatureVerifier(AgencyCertificates certificates, Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
    }

    /**
     * Applies an agency's policy on one channel: the verified signer, or empty for an unsigned document the policy
     * lets through. {@code channelAgency} is the agency the channel authenticated (null if it authenticated none); a
     * signer from another agency is {@code SIGNER_NOT_AGENCY}.
     */
    public Optional<Verified> verify(byte[] document, DocumentFormat format, SignaturePolicy policy,
            String channelAgency) throws SignatureRefused {
        if (policy == SignaturePolicy.OFF) {
            return Optional.empty();
        }
        Optional<Verified> verified = format == DocumentFormat.XML ? verifyXml(document) : verifyJson(document);
        if (verified.isEmpty() && policy == SignaturePolicy.REQUIRED) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_MISSING, "the agency's policy requires a signature");
        }
        if (verified.isPresent() && channelAgency != null && !channelAgency.equals(verified.get().signer().agency())) {
            throw new SignatureRefused(ErrorCode.SIGNER_NOT_AGENCY,
                    "signed with a certificate registered for another agency");
        }
        return verified;
    }

    /** The enveloped XML-DSig over the whole document, or empty if the document carries no {@code ds:Signature}. */
    public Optional<Verified> verifyXml(byte[] document) throws SignatureRefused {
        Document dom;
        try {
            dom = SafeXml.newDocumentBuilder().parse(new ByteArrayInputStream(document));
        } catch (SAXException | IOException e) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "the signed document is not readable XML");
        }
        NodeList signatures = dom.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            return Optional.empty();
        }
        if (signatures.getLength() > 1) {
            throw refused("the document carries " + signatures.getLength() + " signatures");
        }
        Element element = (Element) signatures.item(0);
        if (element.getParentNode() != dom.getDocumentElement()) {
            throw refused("the signature is not a child of the document's root element");
        }
        XMLSignatureFactory factory = xmlSignatureFactory();
        XMLSignature signature;
        try {
            DOMValidateContext reading = new DOMValidateContext(NO_KEY, element);
            secureValidation(reading);
            signature = factory.unmarshalXMLSignature(reading);
        } catch (MarshalException e) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "the signature is not a readable XML-DSig");
        }
        requireWholeDocument(signature);
        X509Certificate certificate = onlyCertificate(signature.getKeyInfo());
        Signer signer = certificates.signer(certificate, clock.instant());
        DOMValidateContext context = new DOMValidateContext(
                KeySelector.singletonKeySelector(certificate.getPublicKey()), element);
        secureValidation(context);
        try {
            if (!factory.unmarshalXMLSignature(context).validate(context)) {
                throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "the signature does not match the document");
            }
        } catch (MarshalException | XMLSignatureException e) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "the signature could not be verified: "
                    + e.getClass().getSimpleName());
        }
        return Optional.of(new Verified(signer, document));
    }

    /**
     * The XML-DSig implementation of the provider last in the JVM's order that offers one (mechanism DOM): a provider
     * added after the JDK's ({@code hub.security.providers}) with its own, which knows its national signature method
     * URIs; else the JDK's. The checks of this class apply to either, as they read the signature through the API.
     */
    static XMLSignatureFactory xmlSignatureFactory() {
        Provider[] offering = Security.getProviders("XMLSignatureFactory.DOM");
        return offering == null ? XMLSignatureFactory.getInstance("DOM")
                : XMLSignatureFactory.getInstance("DOM", offering[offering.length - 1]);
    }

    /** Secure validation on, under the JDK's name and Apache Santuario's (on which providers' XML-DSig is built). */
    private static void secureValidation(DOMValidateContext context) {
        context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
        context.setProperty("org.apache.jcp.xml.dsig.secureValidation", Boolean.TRUE);
    }

    /** The one shape of signature the hub accepts, its own included: the whole document, enveloped, c14n. */
    static void requireWholeDocument(XMLSignature signature) throws SignatureRefused {
        if (!signature.getObjects().isEmpty()) {
            throw refused("the signature carries ds:Object content");
        }
        List<?> references = signature.getSignedInfo().getReferences();
        if (references.size() != 1) {
            throw refused("the signature has " + references.size() + " references, not one");
        }
        Reference reference = (Reference) references.get(0);
        if (!"".equals(reference.getURI())) {
            throw refused("the reference does not point at the whole document (URI=\"\")");
        }
        List<?> transforms = reference.getTransforms();
        boolean enveloped = !transforms.isEmpty()
                && Transform.ENVELOPED.equals(((Transform) transforms.get(0)).getAlgorithm());
        boolean rest = transforms.size() == 1 || transforms.size() == 2
                && CANONICALIZATIONS.contains(((Transform) transforms.get(transforms.size() - 1)).getAlgorithm());
        if (!enveloped || !rest) {
            throw refused("transforms other than enveloped and one canonicalization");
        }
    }

    private static X509Certificate onlyCertificate(KeyInfo keyInfo) throws SignatureRefused {
        List<X509Certificate> found = new ArrayList<>();
        if (keyInfo != null) {
            for (Object item : keyInfo.getContent()) {
                if (item instanceof X509Data data) {
                    for (Object value : data.getContent()) {
                        if (value instanceof X509Certificate certificate) {
                            found.add(certificate);
                        }
                    }
                }
            }
        }
        if (found.size() != 1) {
            throw new SignatureRefused(ErrorCode.CERTIFICATE_UNKNOWN,
                    "the signature carries " + found.size() + " certificates in ds:X509Data, not one");
        }
        return found.get(0);
    }

    /**
     * The JWS whose payload is the document, or empty if the text is a plain JSON document (no {@code payload} and
     * {@code signature}/{@code signatures} members) rather than a JWS, or JSON the safe reader refuses (over its
     * limits, a duplicated member): the document reader then rejects it with its own code.
     */
    public Optional<Verified> verifyJson(byte[] document) throws SignatureRefused {
        String compact = compactJws(document);
        if (compact == null) {
            JsonNode tree;
            try {
                // The hub's reader for hostile JSON: its limits, and a duplicated member (which payload?) refused.
                // Read from the bytes: a document of many MiB is refused at the reader's limits without ever being
                // decoded into one string (a 50 MiB upload under a 256 MiB heap ran out of memory that way).
                tree = SafeJson.reader().readTree(new java.io.ByteArrayInputStream(document));
            } catch (IOException e) {
                return Optional.empty();
            }
            if (tree == null || !tree.isObject() || !tree.has("payload")
                    || !(tree.has("signature") || tree.has("signatures"))) {
                return Optional.empty();
            }
            compact = compactOf(tree);
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "not a readable JWS");
        }
        if (!jws.getHeader().isBase64URLEncodePayload() || jws.getPayload() == null
                || jws.getParsedParts()[1].toString().isEmpty()) {
            throw refused("the JWS does not carry the document as its payload");
        }
        X509Certificate certificate = signingCertificate(jws.getHeader().getX509CertChain());
        Signer signer = certificates.signer(certificate, clock.instant());
        try {
            JWSVerifier verifier = new DefaultJWSVerifierFactory()
                    .createJWSVerifier(jws.getHeader(), certificate.getPublicKey());
            if (!jws.verify(verifier)) {
                throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "the signature does not match the document");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "the JWS could not be verified with the "
                    + jws.getHeader().getAlgorithm() + " algorithm and the certificate's key");
        }
        return Optional.of(new Verified(signer, jws.getPayload().toBytes()));
    }

    /**
     * The document as a compact JWS (three base64url parts, white space around them allowed), or null: looked at byte
     * by byte, so that a plain JSON document (which starts with a brace) is never copied into a string.
     */
    static String compactJws(byte[] document) {
        int from = 0;
        int to = document.length;
        while (from < to && Character.isWhitespace(document[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(document[to - 1])) {
            to--;
        }
        for (int i = from; i < to; i++) {
            byte b = document[i];
            boolean base64url = b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-'
                    || b == '_' || b == '.';
            if (!base64url) {
                return null;
            }
        }
        String text = new String(document, from, to - from, StandardCharsets.US_ASCII);
        return COMPACT_JWS.matcher(text).matches() ? text : null;
    }

    /** Flattened or general JSON serialization with exactly one signature, all of whose header is protected. */
    private static String compactOf(JsonNode tree) throws SignatureRefused {
        JsonNode signature = tree;
        if (tree.has("signatures")) {
            JsonNode all = tree.get("signatures");
            if (!all.isArray() || all.size() != 1 || tree.has("signature")) {
                throw refused("the JWS carries " + (all.isArray() ? all.size() : 0) + " signatures, not one");
            }
            signature = all.get(0);
        }
        if (signature.has("header")) {
            throw refused("the JWS has an unprotected header");
        }
        JsonNode header = signature.get("protected");
        JsonNode value = signature.get("signature");
        JsonNode payload = tree.get("payload");
        if (header == null || !header.isTextual() || value == null || !value.isTextual() || !payload.isTextual()) {
            throw new SignatureRefused(ErrorCode.SIGNATURE_INVALID, "not a readable JWS JSON serialization");
        }
        return header.asText() + "." + payload.asText() + "." + value.asText();
    }

    private static X509Certificate signingCertificate(List<Base64> chain) throws SignatureRefused {
        if (chain == null || chain.isEmpty()) {
            throw new SignatureRefused(ErrorCode.CERTIFICATE_UNKNOWN, "the JWS header carries no x5c certificate");
        }
        try {
            return (X509Certificate) AgencyCertificates.factory()
                    .generateCertificate(new ByteArrayInputStream(chain.get(0).decode()));
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused(ErrorCode.CERTIFICATE_UNKNOWN, "the x5c certificate is not readable");
        }
    }

    private static SignatureRefused refused(String detail) {
        return new SignatureRefused(ErrorCode.SIGNATURE_REFERENCE_INVALID, detail);
    }
}
