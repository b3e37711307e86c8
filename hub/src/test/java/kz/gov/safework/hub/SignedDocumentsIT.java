package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.jms.Message;
import java.io.IOException;
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
import kz.gov.safework.contract.signature.DetachedJws;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.signature.SigningMaterial;
import kz.gov.safework.contract.signature.SigningMaterial.Identity;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed documents over the queue channel of the packaged hub: the akimat of Astana must sign on the queue
 * ({@code signature: {jms: required}}), its certificate and the Ministry of Health's are registered in a copy of
 * config/ made here (certificates from a CA made by the test). A signed JSON and a signed XML are accepted with the
 * signer on the receipt; a changed byte, an unsigned document and another agency's key get their codes. The hub's
 * own signatures: a queue receipt's {@code swReceiptSignature} verified against {@code /.well-known/jwks.json}, and
 * an SFTP receipt with its {@code .sig} checked by the jar's {@code verify} command and by the README's recipe
 * with openssl (examples/verify_receipt.sh), an implementation that shares no code with the hub.
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

    @BeforeAll
    static void startHubWithRegisteredCertificates() throws Exception {
        HubProcess.copyConfig(config);
        SigningMaterial pki = new SigningMaterial();
        akimat = pki.agency("Akimat of Astana", false);
        health = pki.agency("Ministry of Health", true);
        Files.createDirectories(config.resolve("certificates/AKIMAT-ASTANA"));
        Files.createDirectories(config.resolve("certificates/MZ"));
        SigningMaterial.writePem(config.resolve("certificates/AKIMAT-ASTANA/akimat.pem"), akimat.certificate());
        SigningMaterial.writePem(config.resolve("certificates/MZ/mz.pem"), health.certificate());
        Path agencies = config.resolve("agencies.yaml");
        String yaml = Files.readString(agencies)
                .replace("  - code: AKIMAT-ASTANA\n", "  - code: AKIMAT-ASTANA\n"
                        + "    certificates: certificates/AKIMAT-ASTANA\n    signature: {jms: required}\n")
                .replace("  - code: MZ\n", "  - code: MZ\n    certificates: certificates/MZ\n");
        Files.writeString(agencies, yaml);

        hub = new HubProcess(data, Map.of("hub.config-dir", config.toString())).start();
        astana = new AgencyClient(hub.brokerPort, "akimat-astana", QueueChannelIT.password("akimat-astana"));
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (astana != null) {
            astana.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static JsonNode receiptFor(String messageId) throws Exception {
        Message m = astana.receive(RECEIPTS, "JMSCorrelationID = '" + messageId + "'", WAIT);
        assertThat(m).as("receipt for " + messageId).isNotNull();
        return JSON.readTree(AgencyClient.text(m));
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
        Message message = astana.receive(RECEIPTS, "JMSCorrelationID = '" + id + "'", WAIT);
        assertThat(message).as("receipt for " + id).isNotNull();
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
            await().atMost(Duration.ofSeconds(30)).until(() -> exists(sftp, receipt + ".sig") && exists(sftp, receipt));
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
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect("akimat-astana", "127.0.0.1", hub.sftpPort).verify(10_000)
                    .getSession()) {
                session.addPasswordIdentity(QueueChannelIT.password("akimat-astana"));
                session.auth().verify(10_000);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    work.run(sftp);
                }
            }
        }
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (org.apache.sshd.sftp.common.SftpException e) {
            return false;
        }
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
