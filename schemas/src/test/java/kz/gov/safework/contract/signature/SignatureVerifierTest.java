package kz.gov.safework.contract.signature;

import static kz.gov.safework.contract.signature.SigningMaterial.bytes;
import static kz.gov.safework.contract.signature.SigningMaterial.parse;
import static kz.gov.safework.contract.signature.SigningMaterial.sign;
import static kz.gov.safework.contract.signature.SigningMaterial.signWhole;
import static kz.gov.safework.contract.signature.SigningMaterial.standardTransforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.crypto.dsig.spec.XPathFilterParameterSpec;
import kz.gov.safework.contract.reading.DocumentFormat;
import kz.gov.safework.contract.signature.SigningMaterial.Identity;
import kz.gov.safework.contract.validation.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class SignatureVerifierTest {
    private static final String XML = "<report xmlns=\"urn:test\"><agency>MZ</agency><item Id=\"i1\">42</item></report>";
    private static final String JSON = "{\"agency\":\"MZ\",\"items\":[{\"number\":1}]}";
    private static final Instant NOW = Instant.now();

    private static SigningMaterial pki;
    private static Identity health;
    private static Identity labourEc;
    private static Identity stranger;
    private static Identity expired;
    private static Identity revoked;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void registerAgencies(@TempDir Path config) throws Exception {
        pki = new SigningMaterial();
        health = pki.agency("MZ signer", false);
        labourEc = pki.agency("MTSZN signer", true);
        stranger = pki.agency("nobody", false);
        expired = pki.expired("MZ old signer");
        revoked = pki.agency("MZ lost key", false);
        Files.createDirectories(config.resolve("MZ"));
        Files.createDirectories(config.resolve("MTSZN"));
        SigningMaterial.writePem(config.resolve("MZ/current.pem"), health.certificate(), expired.certificate(),
                revoked.certificate());
        SigningMaterial.writePem(config.resolve("MZ/ca.crl"), pki.crlRevoking(revoked.certificate()));
        SigningMaterial.writePem(config.resolve("MTSZN/ec.pem"), labourEc.certificate());
        AgencyCertificates certificates = AgencyCertificates.load(config, Map.of("MZ", "MZ", "MTSZN", "MTSZN/"));
        verifier = new SignatureVerifier(certificates, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void refusesACertificateFolderOutsideTheConfigDirectory(@TempDir Path config) throws Exception {
        Files.createDirectories(config.resolve("certificates"));

        assertThatThrownBy(() -> AgencyCertificates.load(config.resolve("certificates"), Map.of("MZ", "..")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("MZ");
        assertThatThrownBy(() -> AgencyCertificates.load(config, Map.of("MZ", "certificates/MZ")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("MZ");
    }

    @Test
    void findsACompactJwsAmongWhiteSpaceAndNothingInAPlainDocument() {
        assertThat(SignatureVerifier.compactJws("\n eyJh.eyJi.c2ln \r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("eyJh.eyJi.c2ln");
        assertThat(SignatureVerifier.compactJws("eyJh..c2ln".getBytes(StandardCharsets.US_ASCII)))
                .as("detached payload").isEqualTo("eyJh..c2ln");
        assertThat(SignatureVerifier.compactJws("{\"a\":\"b.c.d\"}".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(SignatureVerifier.compactJws("eyJh.eyJi".getBytes(StandardCharsets.US_ASCII))).as("two parts")
                .isNull();
        assertThat(SignatureVerifier.compactJws("eyJh.ey Ji.c2ln".getBytes(StandardCharsets.US_ASCII)))
                .as("a space inside").isNull();
        assertThat(SignatureVerifier.compactJws("eyJh.eyJi.c2ln+".getBytes(StandardCharsets.US_ASCII)))
                .as("base64, not base64url").isNull();
        assertThat(SignatureVerifier.compactJws(new byte[0])).isNull();
    }

    // ---- XML ----

    @Test
    void acceptsAnXmlSignedOverTheWholeDocumentAndNamesTheSigner() throws Exception {
        byte[] signed = bytes(signWhole(parse(XML), health));

        Verified verified = verifier.verifyXml(signed).orElseThrow();

        assertThat(verified.signer().agency()).isEqualTo("MZ");
        assertThat(verified.signer().subject()).contains("CN=MZ signer")
                .isEqualTo(health.certificate().getSubjectX500Principal().getName());
        assertThat(verified.signer().serial()).isEqualTo(health.certificate().getSerialNumber().toString(16));
        assertThat(verified.signer().verifiedAt()).isEqualTo(NOW);
        assertThat(verified.content()).isEqualTo(signed);
    }

    @Test
    void anXmlSignatureIsReadByTheXmlDsigOfAProviderAddedAfterTheJdks() throws Exception {
        String signed = new String(bytes(signWhole(parse(XML), health)), StandardCharsets.UTF_8);
        int before = TestXmlDsigProvider.READ.get();
        verifier.verifyXml(signed.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(TestXmlDsigProvider.READ.get()).as("not registered: the JDK's").isEqualTo(before);

        Security.addProvider(new TestXmlDsigProvider());
        try {
            assertThat(SignatureVerifier.xmlSignatureFactory().getProvider().getName())
                    .isEqualTo(TestXmlDsigProvider.NAME);
            assertThat(verifier.verifyXml(signed.getBytes(StandardCharsets.UTF_8)).orElseThrow().signer().agency())
                    .isEqualTo("MZ");
            assertThat(TestXmlDsigProvider.READ.get()).isGreaterThan(before);
            assertRefused(signed.replace(">42<", ">43<"), DocumentFormat.XML, ErrorCode.SIGNATURE_INVALID);
        } finally {
            Security.removeProvider(TestXmlDsigProvider.NAME);
        }
    }

    @Test
    void acceptsAnEcdsaXmlSignature() throws Exception {
        assertThat(verifier.verifyXml(bytes(signWhole(parse(XML), labourEc))).orElseThrow().signer().agency())
                .isEqualTo("MTSZN");
    }

    @Test
    void anUnsignedXmlHasNoSigner() throws Exception {
        assertThat(verifier.verifyXml(XML.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void rejectsAnXmlWithOneChangedByte() throws Exception {
        String signed = new String(bytes(signWhole(parse(XML), health)), StandardCharsets.UTF_8);

        assertRefused(signed.replace(">42<", ">43<"), DocumentFormat.XML, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void rejectsAReferenceToAnIdElsewhere() throws Exception {
        Document document = parse(XML);
        Element item = (Element) document.getElementsByTagNameNS("urn:test", "item").item(0);
        item.setIdAttribute("Id", true);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");

        sign(document, health, "#i1", List.of(factory.newTransform(Transform.ENVELOPED,
                (TransformParameterSpec) null)));

        assertRefused(bytes(document), DocumentFormat.XML, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsASecondSignature() throws Exception {
        Document document = signWhole(parse(XML), health);
        Node copy = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0).cloneNode(true);
        document.getDocumentElement().appendChild(copy);

        assertRefused(bytes(document), DocumentFormat.XML, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsTheSignedOriginalWrappedUnderAnotherElement() throws Exception {
        Document signed = signWhole(parse(XML), health);
        Document wrapper = parse("<report xmlns=\"urn:test\"><agency>MVD</agency><item>9000</item><kept/></report>");
        Node original = wrapper.importNode(signed.getDocumentElement(), true);
        wrapper.getDocumentElement().getLastChild().appendChild(original);

        assertRefused(bytes(wrapper), DocumentFormat.XML, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsTheSignatureMovedBelowTheRoot() throws Exception {
        Document document = signWhole(parse(XML), health);
        Node signature = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        document.getElementsByTagNameNS("urn:test", "item").item(0).appendChild(signature);

        assertRefused(bytes(document), DocumentFormat.XML, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsAnXPathTransformThatCouldLeavePartsUnsigned() throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Document document = sign(parse(XML), health, "", List.of(
                factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                factory.newTransform(Transform.XPATH, new XPathFilterParameterSpec("not(self::*[local-name()='item'])"))));

        assertRefused(bytes(document), DocumentFormat.XML, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsASignatureWithoutTheEnvelopedTransform() throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Document document = sign(parse(XML), health, "", List.of(
                factory.newTransform(javax.xml.crypto.dsig.CanonicalizationMethod.EXCLUSIVE,
                        (TransformParameterSpec) null)));

        assertRefused(bytes(document), DocumentFormat.XML, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void acceptsTheEnvelopedTransformAlone() throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Document document = sign(parse(XML), health, "", List.of(
                factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)));

        assertThat(verifier.verifyXml(bytes(document))).isPresent();
    }

    @Test
    void rejectsAnXmlSignedWithAnUnregisteredCertificate() throws Exception {
        assertRefused(bytes(signWhole(parse(XML), stranger)), DocumentFormat.XML, ErrorCode.CERTIFICATE_UNKNOWN);
    }

    @Test
    void rejectsAnXmlSignedWithAnExpiredCertificate() throws Exception {
        assertRefused(bytes(signWhole(parse(XML), expired)), DocumentFormat.XML, ErrorCode.CERTIFICATE_EXPIRED);
    }

    @Test
    void rejectsAnXmlSignedWithARevokedCertificate() throws Exception {
        assertRefused(bytes(signWhole(parse(XML), revoked)), DocumentFormat.XML, ErrorCode.CERTIFICATE_REVOKED);
    }

    // ---- JSON (JWS) ----

    @Test
    void acceptsACompactJwsAndReturnsItsPayloadAsTheDocument() throws Exception {
        Verified verified = verifier.verifyJson(compact(JSON, health)).orElseThrow();

        assertThat(verified.signer().agency()).isEqualTo("MZ");
        assertThat(new String(verified.content(), StandardCharsets.UTF_8)).isEqualTo(JSON);
    }

    @Test
    void acceptsAnEcdsaJwsInFlattenedJsonSerialization() throws Exception {
        String[] parts = new String(compact(JSON, labourEc), StandardCharsets.UTF_8).split("\\.");
        String flattened = "{\"payload\":\"" + parts[1] + "\",\"protected\":\"" + parts[0] + "\",\"signature\":\""
                + parts[2] + "\"}";

        Verified verified = verifier.verifyJson(flattened.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(verified.signer().agency()).isEqualTo("MTSZN");
        assertThat(new String(verified.content(), StandardCharsets.UTF_8)).isEqualTo(JSON);
    }

    @Test
    void aPlainJsonReportHasNoSigner() throws Exception {
        assertThat(verifier.verifyJson(JSON.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aJwsSerializationWithADuplicatedPayloadIsNotVerifiedOverEitherPayload() throws Exception {
        String[] parts = new String(compact(JSON, labourEc), StandardCharsets.UTF_8).split("\\.");
        String other = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"other\":true}".getBytes(StandardCharsets.UTF_8));
        String ambiguous = "{\"payload\":\"" + other + "\",\"payload\":\"" + parts[1] + "\",\"protected\":\""
                + parts[0] + "\",\"signature\":\"" + parts[2] + "\"}";

        // A lenient parser keeps the last payload and verifies it; the safe reader refuses the ambiguity, so the
        // document is read (and rejected) as the JSON it is, never accepted as signed.
        assertThat(verifier.verifyJson(ambiguous.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThatThrownBy(() -> verifier.verify(ambiguous.getBytes(StandardCharsets.UTF_8), DocumentFormat.JSON,
                SignaturePolicy.REQUIRED, "MTSZN")).isInstanceOfSatisfying(SignatureRefused.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_MISSING));
    }

    @Test
    void jsonNestedBeyondTheReadersLimitIsNotReadForASignature() throws Exception {
        String deep = "{\"payload\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"signature\":\"x\"}";
        assertThat(verifier.verifyJson(deep.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void rejectsAJwsWithOneChangedByte() throws Exception {
        String[] parts = new String(compact(JSON, health), StandardCharsets.UTF_8).split("\\.");
        String payload = new String(java.util.Base64.getUrlEncoder().withoutPadding().encode(
                JSON.replace("MZ", "MV").getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);

        assertRefused(parts[0] + "." + payload + "." + parts[2], DocumentFormat.JSON, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void rejectsAJwsWithTwoSignatures() throws Exception {
        String[] a = new String(compact(JSON, health), StandardCharsets.UTF_8).split("\\.");
        String[] b = new String(compact(JSON, labourEc), StandardCharsets.UTF_8).split("\\.");
        String general = "{\"payload\":\"" + a[1] + "\",\"signatures\":[{\"protected\":\"" + a[0]
                + "\",\"signature\":\"" + a[2] + "\"},{\"protected\":\"" + b[0] + "\",\"signature\":\"" + b[2] + "\"}]}";

        assertRefused(general, DocumentFormat.JSON, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsADetachedJwsThatDoesNotCarryTheDocument() throws Exception {
        String[] parts = new String(compact(JSON, health), StandardCharsets.UTF_8).split("\\.");

        assertRefused(parts[0] + ".." + parts[2], DocumentFormat.JSON, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsAJwsWithAnUnprotectedHeader() throws Exception {
        String[] parts = new String(compact(JSON, health), StandardCharsets.UTF_8).split("\\.");
        String flattened = "{\"payload\":\"" + parts[1] + "\",\"protected\":\"" + parts[0]
                + "\",\"header\":{\"kid\":\"x\"},\"signature\":\"" + parts[2] + "\"}";

        assertRefused(flattened, DocumentFormat.JSON, ErrorCode.SIGNATURE_REFERENCE_INVALID);
    }

    @Test
    void rejectsAJwsWithoutItsCertificate() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(JSON));
        jws.sign(new RSASSASigner(health.keys().getPrivate()));

        assertRefused(jws.serialize(), DocumentFormat.JSON, ErrorCode.CERTIFICATE_UNKNOWN);
    }

    @Test
    void rejectsJwsSignedWithUnknownExpiredOrRevokedCertificates() throws Exception {
        assertRefused(compact(JSON, stranger), DocumentFormat.JSON, ErrorCode.CERTIFICATE_UNKNOWN);
        assertRefused(compact(JSON, expired), DocumentFormat.JSON, ErrorCode.CERTIFICATE_EXPIRED);
        assertRefused(compact(JSON, revoked), DocumentFormat.JSON, ErrorCode.CERTIFICATE_REVOKED);
    }

    // ---- policy ----

    @Test
    void requiredPolicyRefusesAnUnsignedDocument() {
        assertThatThrownBy(() -> verifier.verify(JSON.getBytes(StandardCharsets.UTF_8), DocumentFormat.JSON,
                SignaturePolicy.REQUIRED, "MZ"))
                .isInstanceOfSatisfying(SignatureRefused.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_MISSING));
    }

    @Test
    void optionalPolicyLetsAnUnsignedDocumentThrough() throws Exception {
        assertThat(verifier.verify(XML.getBytes(StandardCharsets.UTF_8), DocumentFormat.XML,
                SignaturePolicy.OPTIONAL, "MZ")).isEmpty();
    }

    @Test
    void requiredPolicyAcceptsTheAgencysOwnSignature() throws Exception {
        Optional<Verified> verified = verifier.verify(compact(JSON, health), DocumentFormat.JSON,
                SignaturePolicy.REQUIRED, "MZ");

        assertThat(verified).map(v -> v.signer().agency()).contains("MZ");
    }

    @Test
    void aSignatureFromAnotherAgencysKeyIsRefused() {
        assertThatThrownBy(() -> verifier.verify(compact(JSON, labourEc), DocumentFormat.JSON,
                SignaturePolicy.OPTIONAL, "MZ"))
                .isInstanceOfSatisfying(SignatureRefused.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNER_NOT_AGENCY));
    }

    @Test
    void aVerifiedSignerNamesTheAgencyWhenTheChannelAuthenticatedNone() throws Exception {
        assertThat(verifier.verify(bytes(signWhole(parse(XML), labourEc)), DocumentFormat.XML,
                SignaturePolicy.OPTIONAL, null)).map(v -> v.signer().agency()).contains("MTSZN");
    }

    @Test
    void offPolicyDoesNotReadSignatures() throws Exception {
        String tampered = new String(bytes(signWhole(parse(XML), health)), StandardCharsets.UTF_8)
                .replace(">42<", ">43<");

        assertThat(verifier.verify(tampered.getBytes(StandardCharsets.UTF_8), DocumentFormat.XML,
                SignaturePolicy.OFF, "MZ")).isEmpty();
    }

    @Test
    void policyNamesReadFromConfiguration() {
        assertThat(SignaturePolicy.of(" required ")).isEqualTo(SignaturePolicy.REQUIRED);
        assertThat(SignaturePolicy.of("off")).isEqualTo(SignaturePolicy.OFF);
        assertThat(SignaturePolicy.of(null)).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(SignaturePolicy.of("")).isEqualTo(SignaturePolicy.OPTIONAL);
    }

    private static byte[] compact(String json, Identity signer) throws Exception {
        return SigningMaterial.jws(json, signer);
    }

    private static void assertRefused(String document, DocumentFormat format, ErrorCode code) {
        assertRefused(document.getBytes(StandardCharsets.UTF_8), format, code);
    }

    private static void assertRefused(byte[] document, DocumentFormat format, ErrorCode code) {
        assertThatThrownBy(() -> verifier.verify(document, format, SignaturePolicy.OPTIONAL, null))
                .isInstanceOfSatisfying(SignatureRefused.class, e -> assertThat(e.code()).as(e.getMessage())
                        .isEqualTo(code));
    }

}
