package kz.gov.safework.contract.signature;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.crypto.Data;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Manifest;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.XMLValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.DigestMethodParameterSpec;
import javax.xml.crypto.dsig.spec.SignatureMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

/**
 * A provider with an XML-DSig implementation of its own (mechanism DOM), standing in for a national provider's: it
 * hands every call to the JDK's and counts the signatures it reads, so a test sees whose implementation was asked.
 */
public final class TestXmlDsigProvider extends Provider {
    public static final String NAME = "SAFEWORK-TEST-XMLDSIG";
    static final AtomicInteger READ = new AtomicInteger();

    public TestXmlDsigProvider() {
        super(NAME, "1.0", "Safe Labour hub test XML-DSig");
        put("XMLSignatureFactory.DOM", CountingFactory.class.getName());
    }

    public static final class CountingFactory extends XMLSignatureFactory {
        private final XMLSignatureFactory jdk = XMLSignatureFactory.getInstance("DOM", "XMLDSig");

        public CountingFactory() throws java.security.NoSuchProviderException {
        }

        @Override
        public XMLSignature unmarshalXMLSignature(XMLValidateContext context) throws MarshalException {
            READ.incrementAndGet();
            return jdk.unmarshalXMLSignature(context);
        }

        @Override
        public XMLSignature unmarshalXMLSignature(XMLStructure structure) throws MarshalException {
            READ.incrementAndGet();
            return jdk.unmarshalXMLSignature(structure);
        }

        @Override
        public XMLSignature newXMLSignature(SignedInfo si, KeyInfo ki) {
            return jdk.newXMLSignature(si, ki);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public XMLSignature newXMLSignature(SignedInfo si, KeyInfo ki, List objects, String id, String signatureValueId) {
            return jdk.newXMLSignature(si, ki, objects, id, signatureValueId);
        }

        @Override
        public Reference newReference(String uri, DigestMethod dm) {
            return jdk.newReference(uri, dm);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm, List transforms, String type, String id) {
            return jdk.newReference(uri, dm, transforms, type, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm, List transforms, String type, String id,
                byte[] digestValue) {
            return jdk.newReference(uri, dm, transforms, type, id, digestValue);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm, List appliedTransforms, Data result,
                List transforms, String type, String id) {
            return jdk.newReference(uri, dm, appliedTransforms, result, transforms, type, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignedInfo newSignedInfo(CanonicalizationMethod cm, SignatureMethod sm, List references) {
            return jdk.newSignedInfo(cm, sm, references);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignedInfo newSignedInfo(CanonicalizationMethod cm, SignatureMethod sm, List references, String id) {
            return jdk.newSignedInfo(cm, sm, references, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public XMLObject newXMLObject(List content, String id, String mimeType, String encoding) {
            return jdk.newXMLObject(content, id, mimeType, encoding);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Manifest newManifest(List references) {
            return jdk.newManifest(references);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Manifest newManifest(List references, String id) {
            return jdk.newManifest(references, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignatureProperty newSignatureProperty(List content, String target, String id) {
            return jdk.newSignatureProperty(content, target, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignatureProperties newSignatureProperties(List properties, String id) {
            return jdk.newSignatureProperties(properties, id);
        }

        @Override
        public DigestMethod newDigestMethod(String algorithm, DigestMethodParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return jdk.newDigestMethod(algorithm, params);
        }

        @Override
        public SignatureMethod newSignatureMethod(String algorithm, SignatureMethodParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return jdk.newSignatureMethod(algorithm, params);
        }

        @Override
        public Transform newTransform(String algorithm, TransformParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return jdk.newTransform(algorithm, params);
        }

        @Override
        public Transform newTransform(String algorithm, XMLStructure params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return jdk.newTransform(algorithm, params);
        }

        @Override
        public CanonicalizationMethod newCanonicalizationMethod(String algorithm, C14NMethodParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return jdk.newCanonicalizationMethod(algorithm, params);
        }

        @Override
        public CanonicalizationMethod newCanonicalizationMethod(String algorithm, XMLStructure params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return jdk.newCanonicalizationMethod(algorithm, params);
        }

        @Override
        public boolean isFeatureSupported(String feature) {
            return jdk.isFeatureSupported(feature);
        }

        @Override
        public URIDereferencer getURIDereferencer() {
            return jdk.getURIDereferencer();
        }
    }
}
