package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kz.gov.safework.contract.Sha256;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ministry's side through the packaged hub: reports sent over AMQP (one of them corrected), a draft
 * consolidated report built on demand by MTSZN, approved, and received by the Government from
 * government.outbox: XML, JSON, a Russian PDF, the manifest naming every submission, and its hash, signed by the hub
 * and verified as the Government does it, by the jar's {@code verify <package folder>}.
 */
class ConsolidationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN_YEAR = "/api/plans/safe-labor-2021-2025/years/2022";

    @TempDir
    Path data;

    @Test
    void approvedConsolidatedReportReachesTheGovernmentWithItsManifest() throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of()).start()) {
            Map<String, String> submissions = new HashMap<>();
            for (String example : new String[] {"01-akimat-astana-2022.json", "04-mtszn-2022.json",
                    "05-mtszn-2022-correction.xml"}) {
                String login = example.contains("mtszn") ? "mtszn" : "akimat-astana";
                try (AgencyClient client = new AgencyClient(hub.brokerPort, login, QueueChannelIT.password(login))) {
                    String id = client.sendBytes(Files.readAllBytes(QueueChannelIT.examples("valid").resolve(example)),
                            Map.of());
                    Message m = client.receive("receipts." + login.toUpperCase(java.util.Locale.ROOT),
                            "JMSCorrelationID = '" + id + "'", 30_000);
                    JsonNode receipt = JSON.readTree(AgencyClient.text(m));
                    assertThat(receipt.path("status").asText()).as(example).isEqualTo("ACCEPTED");
                    submissions.put(example, receipt.path("submissionId").asText());
                }
            }

            HttpResponse<String> matrix = QueueChannelIT.call(hub, "GET", PLAN_YEAR + "/matrix", "operator");
            assertThat(matrix.statusCode()).isEqualTo(200);
            assertThat(matrix.body()).contains("CORRECTED").contains("MISSING");

            assertThat(QueueChannelIT.call(hub, "POST", PLAN_YEAR + "/consolidations", "akimat-astana").statusCode()).isEqualTo(403);
            HttpResponse<String> draft = QueueChannelIT.call(hub, "POST", PLAN_YEAR + "/consolidations", "mtszn");
            assertThat(draft.statusCode()).isIn(200, 201);
            String id = JSON.readTree(draft.body()).path("id").asText();

            HttpResponse<String> approved = QueueChannelIT.call(hub, "POST", PLAN_YEAR + "/consolidations/" + id + "/approve", "mtszn");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

            Map<String, byte[]> parts = new HashMap<>();
            Map<String, byte[]> files = new HashMap<>();
            try (AgencyClient government = new AgencyClient(hub.brokerPort, "government",
                    QueueChannelIT.password("government"))) {
                Message m;
                while (parts.size() < 7 && (m = government.receive("government.outbox", null, 30_000)) != null) {
                    byte[] body = AgencyClient.bytes(m);
                    assertThat(Sha256.hex(body)).isEqualTo(m.getStringProperty("swSha256"));
                    parts.put(m.getStringProperty("swPart"), body);
                    files.put(m.getStringProperty("swFileName"), body);
                }
            }
            assertThat(parts.keySet()).isEqualTo(Set.of("xml", "json", "pdf", "manifest", "manifest-sha256",
                    "json-signature", "manifest-signature"));
            governmentVerifiesThePackage(hub, files);

            JsonNode manifest = JSON.readTree(parts.get("manifest"));
            assertThat(manifest.path("submissions").findValuesAsText("submissionId"))
                    .contains(submissions.get("01-akimat-astana-2022.json"),
                            submissions.get("05-mtszn-2022-correction.xml"));
            assertThat(new String(parts.get("manifest-sha256"), StandardCharsets.UTF_8))
                    .startsWith(Sha256.hex(parts.get("manifest")));
            String pdfText;
            try (var pdf = Loader.loadPDF(parts.get("pdf"))) {
                pdfText = new PDFTextStripper().getText(pdf);
            }
            assertThat(pdfText).contains("Сводная информация").contains("Астан");
        }
    }

    /** The folder the Government saves the messages into, checked with {@code safework-hub.jar verify}. */
    private void governmentVerifiesThePackage(HubProcess hub, Map<String, byte[]> files) throws Exception {
        Path folder = Files.createDirectories(data.resolve("government-package"));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(file.getKey()).matches("consolidated-report-[a-z0-9-]+-v1\\.[a-z0-9.]+");
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        Path jwks = data.resolve("hub-jwks.json");
        Files.writeString(jwks, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(hub.url("/.well-known/jwks.json"))).build(), HttpResponse.BodyHandlers.ofString()).body());

        Run intact = verify(folder, jwks);
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("OK    consolidated-report-", ".xml: the hub's enveloped XML-DSig",
                ".pdf: SHA-256 and size as in the manifest", "VALID: every signature and every hash of the package");

        independentVerifiersAccept(folder, files, jwks);

        Path pdf = folder.resolve(files.keySet().stream().filter(n -> n.endsWith(".pdf")).findFirst().orElseThrow());
        byte[] changed = Files.readAllBytes(pdf);
        changed[changed.length / 2] ^= 1;
        Files.write(pdf, changed);
        Run broken = verify(folder, jwks);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("FAIL  " + pdf.getFileName() + ": SHA-256", "INVALID: 1 of 7 checks failed");
    }

    /**
     * The same package checked without the hub's code, as the README tells the Government: Debian's {@code xmlsec1}
     * for the XML-DSig (trusting the certificates of the published JWK set) and {@code examples/verify_jws.py}
     * (Python's jwcrypto) for the JSON's and the manifest's detached JWS. Each also refuses a changed copy.
     */
    private void independentVerifiersAccept(Path folder, Map<String, byte[]> files, Path jwks) throws Exception {
        Path xmlsec1 = Path.of("/usr/bin/xmlsec1");
        Path python = Path.of("/usr/bin/python3");
        String script = ".ci/run (apt-get install xmlsec1 python3-jwcrypto)";
        kz.gov.safework.testing.RequiredService.executables(script, xmlsec1, python);
        if (run(python.toString(), "-c", "import jwcrypto").exit() != 0) {
            kz.gov.safework.testing.RequiredService.unavailable("python3-jwcrypto is not installed", script);
        }
        java.util.List<String> xmlsec = new java.util.ArrayList<>(java.util.List.of(xmlsec1.toString(), "--verify"));
        int n = 0;
        for (JsonNode key : JSON.readTree(Files.readString(jwks)).path("keys")) {
            for (JsonNode certificate : key.path("x5c")) {
                Path pem = data.resolve("hub-certificate-" + n++ + ".pem");
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + certificate.asText()
                        + "\n-----END CERTIFICATE-----\n");
                xmlsec.addAll(java.util.List.of("--trusted-pem", pem.toString()));
            }
        }
        assertThat(n).as("certificates in the published JWK set").isPositive();
        String xml = name(files, ".xml");
        Run xmlOk = run(concat(xmlsec, folder.resolve(xml).toString()));
        assertThat(xmlOk.exit()).as("xmlsec1 on " + xml + ": " + xmlOk.output()).isZero();
        Path changedXml = data.resolve("changed.xml");
        String signedXml = Files.readString(folder.resolve(xml));
        assertThat(signedXml).contains("Астан");
        Files.writeString(changedXml, signedXml.replaceFirst("Астан", "Алмат"));
        assertThat(run(concat(xmlsec, changedXml.toString())).exit()).as("xmlsec1 on a changed XML").isNotZero();

        String verifier = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().normalize().getParent()
                .resolve("examples/verify_jws.py").toString();
        for (String part : java.util.List.of(name(files, ".json"), name(files, ".manifest.json"))) {
            Run ok = run(python.toString(), verifier, folder.resolve(part).toString(),
                    folder.resolve(part + ".sig").toString(), jwks.toString());
            assertThat(ok.exit()).as("verify_jws.py on " + part + ": " + ok.output()).isZero();
            assertThat(ok.output()).startsWith("VALID");
        }
        Path changedManifest = data.resolve("changed.manifest.json");
        byte[] manifest = files.get(name(files, ".manifest.json")).clone();
        manifest[manifest.length / 3] ^= 1;
        Files.write(changedManifest, manifest);
        Run broken = run(python.toString(), verifier, changedManifest.toString(),
                folder.resolve(name(files, ".manifest.json") + ".sig").toString(), jwks.toString());
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
    }

    private static String name(Map<String, byte[]> files, String suffix) {
        return files.keySet().stream().filter(n -> n.endsWith("-v1" + suffix)).findFirst().orElseThrow();
    }

    private static String[] concat(java.util.List<String> command, String last) {
        java.util.List<String> all = new java.util.ArrayList<>(command);
        all.add(last);
        return all.toArray(String[]::new);
    }

    private static Run run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(command[0]).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** {@code java -jar hub/target/safework-hub.jar verify <folder> --jwks <file>}: exit code and output. */
    private record Run(int exit, String output) {
    }

    private static Run verify(Path folder, Path jwks) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("hub.jar"), "verify", folder.toString(), "--jwks", jwks.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

}
