package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.jms.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.crypto.dsig.spec.XPathFilterParameterSpec;
import kz.gov.safework.contract.signature.DetachedJws;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.signature.SigningMaterial;
import kz.gov.safework.contract.signature.SigningMaterial.Identity;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Signed documents through the packaged hub: the akimat of Astana must sign on the queue
 * ({@code signature: {jms: required}}), its certificates (current, expired and revoked, with the CA's CRL file beside
 * them) and the Ministry of Health's are registered in a copy of config/ made here (certificates from a CA made by the
 * test; one more from that CA is registered for no agency). Per channel (queue, SFTP, mail) a signed JSON and a signed
 * XML are accepted with the signer on the receipt; each signature error gets its code from its own crafted document:
 * a changed byte, an unsigned document, another agency's key, an unknown, an expired and a revoked certificate, and
 * signature wrapping (a second signature, an ID reference to a signed copy wrapped in the signature, a reference to a
 * part of the document, an XPath transform, no enveloped transform). The hub's own signatures: a queue receipt's
 * {@code swReceiptSignature} verified against {@code /.well-known/jwks.json}, and an SFTP receipt with its
 * {@code .sig} checked by the jar's {@code verify} command and by the README's recipe with openssl
 * (examples/verify_receipt.sh), an implementation that shares no code with the hub.
 */
class SignedDocumentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = 20_000;
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";

    @TempDir
    static Path data;
    @TempDir
    static Path config;
    /** The agency's side: receipts it downloaded. */
    @TempDir
    static Path downloads;
    static HubProcess hub;
    static AgencyClient astana;
    static Identity akimat;
    static Identity health;
    /** Registered for the akimat, expired yesterday. */
    static Identity expired;
    /** Registered for the akimat, revoked by the CRL file beside its certificates. */
    static Identity revoked;
    /** Issued by the same CA, registered for no agency. */
    static Identity stranger;

    @BeforeAll
    static void startHubWithRegisteredCertificates() throws Exception {
        HubProcess.copyConfig(config);
        SigningMaterial pki = new SigningMaterial();
        akimat = pki.agency("Akimat of Astana", false);
        health = pki.agency("Ministry of Health", true);
        expired = pki.expired("Akimat of Astana old key", true);
        revoked = pki.agency("Akimat of Astana lost key", true);
        stranger = pki.agency("Akimat of Astana unregistered key", true);
        Files.createDirectories(config.resolve("certificates/AKIMAT-ASTANA"));
        Files.createDirectories(config.resolve("certificates/MZ"));
        SigningMaterial.writePem(config.resolve("certificates/AKIMAT-ASTANA/akimat.pem"), akimat.certificate(),
                expired.certificate(), revoked.certificate());
        SigningMaterial.writePem(config.resolve("certificates/AKIMAT-ASTANA/ca.crl"),
                pki.crlRevoking(revoked.certificate()));
        SigningMaterial.writePem(config.resolve("certificates/MZ/mz.pem"), health.certificate());
        Path agencies = config.resolve("agencies.yaml");
        String yaml = Files.readString(agencies)
                .replace("  - code: AKIMAT-ASTANA\n", "  - code: AKIMAT-ASTANA\n"
                        + "    certificates: certificates/AKIMAT-ASTANA\n    signature: {jms: required}\n")
                .replace("  - code: MZ\n", "  - code: MZ\n    certificates: certificates/MZ\n");
        Files.writeString(agencies, yaml);

        hub = new HubProcess(data, Map.of("hub.config-dir", config.toString(),
                "hub.mail.imap.poll-delay", "500")).start();
        astana = new AgencyClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"));
    }

    @AfterAll
    static void stopHub() throws Exception {
        HubProcess.closeAll(astana, hub);
    }

    private static JsonNode receiptFor(String messageId) throws Exception {
        return Receipts.receipt(astana, RECEIPTS, messageId, WAIT);
    }

    private static String onlyCode(JsonNode receipt) {
        assertThat(receipt.path("status").asText()).isEqualTo("REJECTED");
        assertThat(receipt.path("errors")).hasSize(1);
        return receipt.path("errors").get(0).path("code").asText();
    }

    @Test
    void acceptsASignedJsonWithTheSignerOnTheReceipt() throws Exception {
        String reportId = Reports.newId();
        byte[] jws = SigningMaterial.jws(Reports.akimatAstana(reportId), akimat);

        JsonNode receipt = receiptFor(astana.sendText(new String(jws, StandardCharsets.US_ASCII), Map.of()));

        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
        assertThat(receipt.at("/signer/agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.at("/signer/subject").asText()).contains("CN=Akimat of Astana");
        assertThat(receipt.at("/signer/serial").asText())
                .isEqualTo(akimat.certificate().getSerialNumber().toString(16));
        assertThat(receipt.at("/signer/verifiedAt").asText()).isNotEmpty();
    }

    @Test
    void acceptsASignedXmlWithTheSignerOnTheReceipt() throws Exception {
        String xml = Files.readString(
                original().getParent().resolve("schemas/examples/valid/02-akimat-astana-2022-twin.xml"));
        byte[] signed = SigningMaterial.bytes(SigningMaterial.signWhole(SigningMaterial.parse(xml), akimat));

        JsonNode receipt = receiptFor(astana.sendBytes(signed, Map.of()));

        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.at("/signer/agency").asText()).isEqualTo("AKIMAT-ASTANA");
    }

    @Test
    void refusesASignedJsonWithOneChangedByte() throws Exception {
        String[] parts = new String(SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), akimat),
                StandardCharsets.US_ASCII).split("\\.");
        String body = parts[1];
        String changed = body.substring(0, 20) + (body.charAt(20) == 'A' ? 'B' : 'A') + body.substring(21);

        JsonNode receipt = receiptFor(astana.sendText(parts[0] + "." + changed + "." + parts[2], Map.of()));

        assertThat(onlyCode(receipt)).isEqualTo("SIGNATURE_INVALID");
    }

    @Test
    void refusesAnUnsignedDocumentWhereThePolicyRequiresASignature() throws Exception {
        JsonNode receipt = receiptFor(astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of()));

        assertThat(onlyCode(receipt)).isEqualTo("SIGNATURE_MISSING");
        assertThat(receipt.has("signer")).isFalse();
    }

    @Test
    void refusesADocumentSignedWithAnotherAgencysKey() throws Exception {
        byte[] jws = SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), health);

        JsonNode receipt = receiptFor(astana.sendText(new String(jws, StandardCharsets.US_ASCII), Map.of()));

        assertThat(onlyCode(receipt)).isEqualTo("SIGNER_NOT_AGENCY");
    }

    @Test
    void aQueueReceiptCarriesTheHubsSignatureThatTheWellKnownKeysVerify() throws Exception {
        byte[] jws = SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), akimat);
        String id = astana.sendText(new String(jws, StandardCharsets.US_ASCII), Map.of());
        Message message = Receipts.message(astana, RECEIPTS, id, WAIT);
        byte[] receipt = AgencyClient.text(message).getBytes(StandardCharsets.UTF_8);
        String signature = message.getStringProperty(HubSigner.RECEIPT_SIGNATURE);

        HttpResponse<String> published = hub.http().send(HttpRequest.newBuilder(URI.create(
                hub.url("/.well-known/jwks.json"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(published.body());
        assertThat(keys.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());

        DetachedJws.Checked checked = DetachedJws.verify(receipt, signature, keys);
        assertThat(checked.kid()).isEqualTo(keys.getKeys().get(0).getKeyID());
        byte[] changed = receipt.clone();
        changed[changed.length / 2] ^= 1;
        assertThatThrownBy(() -> DetachedJws.verify(changed, signature, keys)).isInstanceOf(DetachedJws.Invalid.class);
    }

    @Test
    void theVerifyCommandChecksAnSftpReceiptAndItsSignatureFile() throws Exception {
        String name = "signed-answer-" + Reports.newId() + ".json";
        Path downloaded = downloads;
        withSftp(sftp -> {
            try (OutputStream out = sftp.write("/inbox/" + name)) {
                out.write(Reports.akimatAstana(Reports.newId()).getBytes(StandardCharsets.UTF_8));
            }
            String receipt = "/receipts/" + name + ".receipt.json";
            await().atMost(Duration.ofSeconds(30)).until(() -> AgencySftp.exists(sftp, receipt + ".sig") && AgencySftp.exists(sftp, receipt));
            for (String file : new String[] {receipt, receipt + ".sig"}) {
                try (InputStream in = sftp.read(file)) {
                    Files.copy(in, downloaded.resolve(file.substring("/receipts/".length())));
                }
            }
        });
        Path receipt = downloaded.resolve(name + ".receipt.json");
        assertThat(Files.readString(receipt)).contains("\"status\":\"ACCEPTED\"");

        Verified valid = verify(receipt, "--jwks", hub.url("/.well-known/jwks.json"));
        assertThat(valid.exit()).as(valid.output()).isZero();
        assertThat(valid.output()).contains("VALID: the hub's RS256 signature by key", "DEMO signing key");

        // Independently of the hub's code: the README's openssl recipe, against the saved JWK set.
        Path jwks = downloads.resolve("hub-jwks.json");
        Files.writeString(jwks, hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/.well-known/jwks.json")))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        Verified openssl = run(List.of("sh", original().getParent().resolve("examples/verify_receipt.sh").toString(),
                receipt.toString(), jwks.toString()));
        assertThat(openssl.exit()).as(openssl.output()).isZero();
        assertThat(openssl.output()).contains("Verified OK");

        byte[] bytes = Files.readAllBytes(receipt);
        bytes[bytes.length - 2] ^= 1;
        Files.write(receipt, bytes);
        Verified invalid = verify(receipt, "--jwks", hub.url("/.well-known/jwks.json"));
        assertThat(invalid.exit()).as(invalid.output()).isEqualTo(1);
        assertThat(invalid.output()).contains("INVALID: the signature does not match");
        Verified opensslInvalid = run(List.of("sh", original().getParent().resolve("examples/verify_receipt.sh")
                .toString(), receipt.toString(), jwks.toString()));
        assertThat(opensslInvalid.exit()).as(opensslInvalid.output()).isEqualTo(1);
        assertThat(opensslInvalid.output()).contains("Verification failure");
    }

    // ---- per channel: a signed XML and a signed JSON accepted with the signer on the receipt ----

    @Test
    void acceptsASignedXmlAndASignedJsonOverSftpWithTheSignerOnTheReceipts() throws Exception {
        String id = Reports.newId();
        Map<String, byte[]> files = Map.of(
                "signed-" + id + ".json", SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), akimat),
                "signed-" + id + ".xml", signedXml(Reports.newId(), akimat));
        Map<String, JsonNode> receipts = new java.util.HashMap<>();
        withSftp(sftp -> {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                try (OutputStream out = sftp.write("/inbox/" + file.getKey())) {
                    out.write(file.getValue());
                }
            }
            for (String name : files.keySet()) {
                String receipt = "/receipts/" + name + ".receipt.json";
                await().atMost(Duration.ofSeconds(30)).until(() -> AgencySftp.exists(sftp, receipt + ".sig")
                        && AgencySftp.exists(sftp, receipt));
                try (InputStream in = sftp.read(receipt)) {
                    receipts.put(name, JSON.readTree(in));
                }
            }
        });

        assertThat(receipts).hasSize(2).allSatisfy((name, receipt) -> assertSignedBy(receipt, akimat, "sftp"));
    }

    @Test
    void acceptsASignedXmlAndASignedJsonOverMailWithTheSignerOnTheReceipts() throws Exception {
        String messageId = "<signed-" + Reports.newId() + "@agency.hub.local>";
        MimeMessage mail = MailClient.report("akimat-astana@agency.hub.local", messageId, "Подписанные отчёты",
                MailClient.attachment("signed.json", SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), akimat)),
                MailClient.attachment("signed.xml", signedXml(Reports.newId(), akimat)));

        MailClient.send(hub, mail, "akimat-astana");

        Map<String, String> attached = MailClient.attachmentsOf(MailClient.replyTo(hub, "akimat-astana", messageId));
        assertThat(attached).containsOnlyKeys("signed.json.receipt.json", "signed.xml.receipt.json");
        for (String receipt : attached.values()) {
            assertSignedBy(JSON.readTree(receipt), akimat, "mail");
        }
    }

    // ---- each certificate error, by its own document ----

    @Test
    void refusesADocumentSignedWithAnUnregisteredCertificate() throws Exception {
        assertThat(onlyCode(sendJws(stranger))).isEqualTo("CERTIFICATE_UNKNOWN");
    }

    @Test
    void refusesADocumentSignedWithAnExpiredCertificate() throws Exception {
        assertThat(onlyCode(sendJws(expired))).isEqualTo("CERTIFICATE_EXPIRED");
    }

    @Test
    void refusesADocumentSignedWithACertificateTheCrlFileRevokes() throws Exception {
        assertThat(onlyCode(sendJws(revoked))).isEqualTo("CERTIFICATE_REVOKED");
    }

    @Test
    void refusesAnXmlSignedWithACertificateTheCrlFileRevokes() throws Exception {
        assertThat(onlyCode(receiptFor(astana.sendBytes(signedXml(Reports.newId(), revoked), Map.of()))))
                .isEqualTo("CERTIFICATE_REVOKED");
    }

    // ---- signature wrapping: a signature that does not cover the whole document as it is read ----
    // Each document is valid against the report schema (its ds:Signature slot is not checked by the schema), so it
    // reaches the signature check; a wrapping the schema already refuses would only prove the schema.

    @Test
    void refusesASecondSignatureInsideTheFirst() throws Exception {
        Document document = SigningMaterial.signWhole(report(Reports.newId()), akimat);
        Node signature = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        signature.appendChild(signature.cloneNode(true));

        assertThat(onlyCode(sendXml(document))).isEqualTo("SIGNATURE_REFERENCE_INVALID");
    }

    @Test
    void refusesAnIdReferenceToASignedCopyWrappedInsideTheSignature() throws Exception {
        // The attacker's report outside; a report the akimat really signed wrapped in a ds:Object the reference names.
        Document document = report(Reports.newId());
        Element copy = (Element) document.importNode(report(Reports.newId()).getDocumentElement(), true);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        XMLObject wrapped = factory.newXMLObject(List.of(new DOMStructure(copy)), "signed-copy", null, null);

        signPart(document, "#signed-copy", List.of(wrapped), null);

        assertThat(onlyCode(sendXml(document))).isEqualTo("SIGNATURE_REFERENCE_INVALID");
    }

    @Test
    void refusesAReferenceToAPartOfTheDocument() throws Exception {
        // Signs the signer's own KeyInfo (by its Id) and nothing of the report.
        Document document = report(Reports.newId());

        signPart(document, "#signer-key", List.of(), "signer-key");

        assertThat(onlyCode(sendXml(document))).isEqualTo("SIGNATURE_REFERENCE_INVALID");
    }

    @Test
    void refusesAnXPathTransformThatLeavesPartsOfTheReportUnsigned() throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Document document = SigningMaterial.sign(report(Reports.newId()), akimat, "", List.of(
                factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                factory.newTransform(Transform.XPATH,
                        new XPathFilterParameterSpec("not(ancestor-or-self::*[local-name()='items'])"))));

        assertThat(onlyCode(sendXml(document))).isEqualTo("SIGNATURE_REFERENCE_INVALID");
    }

    @Test
    void refusesASignatureWithoutTheEnvelopedTransform() throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Document document = SigningMaterial.sign(report(Reports.newId()), akimat, "", List.of(
                factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)));

        assertThat(onlyCode(sendXml(document))).isEqualTo("SIGNATURE_REFERENCE_INVALID");
    }

    /**
     * The akimat's signature at the end of the report whose one reference names {@code uri} (with exclusive
     * canonicalization), carrying {@code objects} and a KeyInfo with the given Id (or none).
     */
    private static void signPart(Document document, String uri, List<XMLObject> objects, String keyInfoId)
            throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Reference reference = factory.newReference(uri, factory.newDigestMethod(DigestMethod.SHA256, null),
                List.of(factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                null, null);
        SignedInfo info = factory.newSignedInfo(
                factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
        KeyInfoFactory keys = factory.getKeyInfoFactory();
        KeyInfo keyInfo = keys.newKeyInfo(List.of(keys.newX509Data(List.of(akimat.certificate()))), keyInfoId);
        factory.newXMLSignature(info, keyInfo, objects, null, null)
                .sign(new DOMSignContext(akimat.keys().getPrivate(), document.getDocumentElement()));
    }

    private static void assertSignedBy(JsonNode receipt, Identity signer, String channel) {
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("channel").asText()).isEqualTo(channel);
        assertThat(receipt.at("/signer/agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.at("/signer/subject").asText())
                .isEqualTo(signer.certificate().getSubjectX500Principal().getName());
        assertThat(receipt.at("/signer/serial").asText()).isEqualTo(signer.certificate().getSerialNumber().toString(16));
        assertThat(receipt.at("/signer/verifiedAt").asText()).isNotEmpty();
    }

    private static JsonNode sendJws(Identity signer) throws Exception {
        byte[] jws = SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), signer);
        return receiptFor(astana.sendText(new String(jws, StandardCharsets.US_ASCII), Map.of()));
    }

    private static JsonNode sendXml(Document document) throws Exception {
        return receiptFor(astana.sendBytes(SigningMaterial.bytes(document), Map.of()));
    }

    /** The akimat's XML example with its own report id, parsed (unsigned). */
    private static Document report(String reportId) throws Exception {
        String xml = Files.readString(
                original().getParent().resolve("schemas/examples/valid/02-akimat-astana-2022-twin.xml"));
        return SigningMaterial.parse(xml.replace("6f1c2a9e-4b7d-4e2a-9c3f-1a2b3c4d5e6f", reportId));
    }

    private static byte[] signedXml(String reportId, Identity signer) throws Exception {
        return SigningMaterial.bytes(SigningMaterial.signWhole(report(reportId), signer));
    }

    private record Verified(int exit, String output) {
    }

    /** {@code java -jar hub/target/safework-hub.jar verify ...}, as an agency runs it. */
    private static Verified verify(Path receipt, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("hub.jar"), "verify", receipt.toString()));
        command.addAll(List.of(options));
        return run(command);
    }

    private static Verified run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verified(process.exitValue(), output);
    }

    interface SftpWork {
        void run(SftpClient sftp) throws Exception;
    }

    private static void withSftp(SftpWork work) throws Exception {
        AgencySftp.with(hub, "akimat-astana", sftp -> {
            work.run(sftp);
            return null;
        });
    }

    private static Path original() {
        return Path.of(System.getProperty("hub.config-dir")).toAbsolutePath();
    }

    @Test
    void jwcryptoVerifiesAQueueReceiptOfThePackagedHub() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        String script = ".ci/run (apt-get install python3-jwcrypto)";
        kz.gov.safework.testing.RequiredService.executables(script, python);
        if (run(List.of(python.toString(), "-c", "import jwcrypto")).exit() != 0) {
            kz.gov.safework.testing.RequiredService.unavailable("python3-jwcrypto is not installed", script);
        }
        byte[] jws = SigningMaterial.jws(Reports.akimatAstana(Reports.newId()), akimat);
        String id = astana.sendText(new String(jws, StandardCharsets.US_ASCII), Map.of());
        Message message = astana.receive(RECEIPTS, "JMSCorrelationID = '" + id + "'", WAIT);
        assertThat(message).as("receipt for " + id).isNotNull();
        Path receipt = downloads.resolve("queue-" + id + ".receipt.json");
        Files.writeString(receipt, AgencyClient.text(message), StandardCharsets.UTF_8);
        Path signature = downloads.resolve("queue-" + id + ".receipt.json.sig");
        Files.writeString(signature, message.getStringProperty(HubSigner.RECEIPT_SIGNATURE));
        Path jwks = downloads.resolve("jwcrypto-jwks.json");
        Files.writeString(jwks, hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/.well-known/jwks.json")))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        String verifier = original().getParent().resolve("examples/verify_jws.py").toString();

        Verified valid = run(List.of(python.toString(), verifier, receipt.toString(), signature.toString(),
                jwks.toString()));
        assertThat(valid.exit()).as(valid.output()).isZero();
        assertThat(valid.output()).startsWith("VALID");

        Files.writeString(receipt, AgencyClient.text(message).replace("ACCEPTED", "REJECTED"), StandardCharsets.UTF_8);
        Verified invalid = run(List.of(python.toString(), verifier, receipt.toString(), signature.toString(),
                jwks.toString()));
        assertThat(invalid.exit()).as(invalid.output()).isEqualTo(1);
        assertThat(invalid.output()).startsWith("INVALID");
    }
}
