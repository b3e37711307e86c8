package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import kz.gov.safework.contract.signature.SigningMaterial;
import kz.gov.safework.contract.signature.SigningMaterial.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed documents over the queue channel of the packaged hub: the akimat of Astana must sign on the queue
 * ({@code signature: {jms: required}}), its certificate and the Ministry of Health's are registered in a copy of
 * config/ made here (certificates from a CA made by the test). A signed JSON and a signed XML are accepted with the
 * signer on the receipt; a changed byte, an unsigned document and another agency's key get their codes.
 */
class SignedDocumentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = 20_000;
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";

    @TempDir
    static Path data;
    @TempDir
    static Path config;
    static HubProcess hub;
    static AgencyClient astana;
    static Identity akimat;
    static Identity health;

    @BeforeAll
    static void startHubWithRegisteredCertificates() throws Exception {
        Path original = Path.of(System.getProperty("hub.config-dir"));
        try (Stream<Path> files = Files.walk(original)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = config.resolve(original.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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

    private static Path original() {
        return Path.of(System.getProperty("hub.config-dir")).toAbsolutePath();
    }
}
