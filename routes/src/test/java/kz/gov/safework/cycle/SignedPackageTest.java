package kz.gov.safework.cycle;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import com.nimbusds.jose.jwk.JWKSet;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.signature.PackageVerifier;
import kz.gov.safework.contract.signature.PackageVerifier.Check;
import kz.gov.safework.cycle.StoreFixture.Entry;
import kz.gov.safework.intake.AnswerSignature;
import kz.gov.safework.testing.MutableClock;
import kz.gov.safework.testing.RequiredService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consolidated package as the Government receives it, built, approved and sent by the real cycle code (one
 * package for the class), each part saved under its file name: verified whole by {@link PackageVerifier} (what
 * {@code safework-hub.jar verify <folder>} runs), broken by one changed byte in any file, and verified independently
 * of the hub's code by {@code xmlsec1} (XML-DSig) and by {@code examples/verify_jws.py} (Python's jwcrypto).
 */
class SignedPackageTest {
    private static final String BASE = "/api/plans/" + TestReference.PLAN + "/years/2022";
    private static final Path VERIFY_JWS = Path.of("..", "examples", "verify_jws.py");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path XMLSEC1 = Path.of("/usr/bin/xmlsec1");

    @TempDir
    static Path work;
    private static Path folder;
    private static Map<String, byte[]> files;
    private static byte[] servedXml;
    private static JWKSet keys;

    @BeforeAll
    static void approveAndReceiveAPackage() throws Exception {
        StoreFixture store = new StoreFixture("signed-" + UUID.randomUUID());
        store.accepted("s-mvd", "MVD", "r-mvd", 2022, day(2023, 1, 9), false, null,
                Entry.of("4-1", ItemStatus.COMPLETED, "Рейды проведены"));
        int port = CycleHub.freePort();
        CamelContext context = CycleHub.start(store.dataSource, TestReference.create(),
                new MutableClock(day(2022, 12, 1)), port);
        try {
            HttpResponse<String> built = post(port, BASE + "/consolidations");
            assertThat(built.statusCode()).as(built.body()).isIn(200, 201);
            String id = Json.mapper().readTree(built.body()).path("id").asText();
            HttpResponse<String> approved = post(port, BASE + "/consolidations/" + id + "/approve");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            MockEndpoint outbox = context.getEndpoint("mock:outbox", MockEndpoint.class);
            await().atMost(20, SECONDS).until(() -> outbox.getReceivedCounter() >= 7);
            files = new TreeMap<>();
            for (Exchange e : outbox.getReceivedExchanges()) {
                files.put(e.getMessage().getHeader(CycleRoutes.H_FILE_NAME, String.class),
                        e.getMessage().getBody(byte[].class));
            }
            servedXml = get(port, BASE + "/consolidations/" + id + "?format=xml");
        } finally {
            context.stop();
        }
        folder = save(files, work.resolve("package"));
        keys = TestHubKeys.KEYS.publicKeys();
        Files.writeString(work.resolve("jwks.json"), keys.toString());
    }

    @AfterAll
    static void forget() {
        files = null;
    }

    @Test
    void theApprovedPackageVerifiesWholeWithTheHubsPublishedKeys() throws Exception {
        assertThat(files.keySet()).allMatch(name -> name.startsWith("consolidated-report-" + TestReference.PLAN
                + "-2022-v1.")).extracting(name -> name.substring(name.indexOf("-v1.") + 4))
                .containsExactlyInAnyOrder("xml", "json", "pdf", "manifest.json", "manifest.json.sha256", "json.sig",
                        "manifest.json.sig");

        List<Check> checks = PackageVerifier.verify(folder, keys);

        assertThat(checks).extracting(Check::line).allMatch(line -> line.startsWith("OK "));
        assertThat(PackageVerifier.intact(checks)).isTrue();
        String kid = TestHubKeys.KEYS.current().kid();
        assertThat(checks).extracting(Check::line).anyMatch(l -> l.contains(".xml: the hub's enveloped XML-DSig")
                        && l.contains("ES256, key " + kid))
                .anyMatch(l -> l.contains("v1.json: the hub's detached JWS in ") && l.contains(kid))
                .anyMatch(l -> l.contains("v1.manifest.json: the hub's detached JWS in ") && l.contains(kid))
                .anyMatch(l -> l.contains("v1.pdf: SHA-256 and size as in the manifest"))
                .anyMatch(l -> l.contains("v1.manifest.json.sha256: sha256sum line"));
        assertThat(checks).hasSize(7);
    }

    @Test
    void theXmlTheApiServesForAnApprovedVersionIsTheSignedOneSent() {
        byte[] sent = files.get(name(".xml"));
        assertThat(new String(sent, StandardCharsets.UTF_8)).contains("<ds:Signature", "<ds:KeyName>");
        assertThat(servedXml).isEqualTo(sent);
    }

    @Test
    void oneChangedByteInAnyFileOfThePackageFailsNamingThatFile() throws Exception {
        for (String name : files.keySet()) {
            Map<String, byte[]> changed = new TreeMap<>(files);
            byte[] bytes = files.get(name).clone();
            int at = bytes.length / 2;
            bytes[at] = (byte) (bytes[at] == '0' ? '1' : '0');
            changed.put(name, bytes);
            Path broken = save(changed, work.resolve("changed-" + name));

            List<Check> checks = PackageVerifier.verify(broken, keys);

            assertThat(PackageVerifier.intact(checks)).as(name).isFalse();
            assertThat(checks).as(name).filteredOn(c -> !c.passed()).extracting(Check::line)
                    .anyMatch(line -> line.startsWith("FAIL") && line.contains(name));
        }
    }

    @Test
    void aPackageSignedWithAKeyTheGovernmentWasNotGivenFails() throws Exception {
        List<Check> checks = PackageVerifier.verify(folder, new JWKSet());

        assertThat(PackageVerifier.intact(checks)).isFalse();
        assertThat(checks).filteredOn(c -> !c.passed()).extracting(Check::detail).hasSize(3)
                .allMatch(detail -> detail.contains("no published key with kid"));
    }

    @Test
    void aMissingSignatureFileFails() throws Exception {
        Map<String, byte[]> without = new TreeMap<>(files);
        without.remove(name(".json") + HubSigner.SIGNATURE_SUFFIX);

        List<Check> checks = PackageVerifier.verify(save(without, work.resolve("unsigned-json")), keys);

        assertThat(checks).filteredOn(c -> !c.passed()).extracting(Check::line)
                .containsExactly("FAIL  " + name(".json") + ": the hub's detached JWS in " + name(".json")
                        + ".sig (missing)");
    }

    @Test
    void xmlsec1VerifiesTheXmlSignatureWithTheHubsCertificate() throws Exception {
        RequiredService.executables(".ci/run (apt-get install xmlsec1)", XMLSEC1);
        Path certificate = work.resolve("hub-certificate.pem");
        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TestHubKeys.CERTIFICATE.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path xml = folder.resolve(name(".xml"));

        Result ok = run(XMLSEC1.toString(), "--verify", "--trusted-pem", certificate.toString(), xml.toString());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("OK");

        Path changed = work.resolve("changed.xml");
        Files.writeString(changed, Files.readString(xml).replace("Рейды проведены", "Рейды не проведены"));
        Result broken = run(XMLSEC1.toString(), "--verify", "--trusted-pem", certificate.toString(),
                changed.toString());
        assertThat(broken.exit()).as(broken.output()).isNotZero();
    }

    @Test
    void jwcryptoVerifiesTheManifestAndTheJsonSignatures() throws Exception {
        requireJwcrypto();
        for (String name : List.of(name(".manifest.json"), name(".json"))) {
            Result ok = verifyJws(folder.resolve(name), folder.resolve(name + HubSigner.SIGNATURE_SUFFIX));
            assertThat(ok.exit()).as(ok.output()).isZero();
            assertThat(ok.output()).startsWith("VALID");
        }
        Path changed = work.resolve("changed.manifest.json");
        byte[] manifest = files.get(name(".manifest.json")).clone();
        manifest[manifest.length / 3] ^= 1;
        Files.write(changed, manifest);
        Result broken = verifyJws(changed, folder.resolve(name(".manifest.json") + HubSigner.SIGNATURE_SUFFIX));
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).startsWith("INVALID");
    }

    @Test
    void jwcryptoVerifiesAReceiptSignedAsTheHubSignsReceipts() throws Exception {
        requireJwcrypto();
        String receipt = "{\"submissionId\":\"sftp-1\",\"agency\":\"MZ\",\"status\":\"ACCEPTED\",\"message\":\"Принято\"}";
        Exchange exchange = new DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        exchange.getMessage().setBody(receipt);
        new AnswerSignature(TestHubKeys.KEYS, HubSigner.RECEIPT_SIGNATURE).process(exchange);
        Path file = work.resolve("report.json.receipt.json");
        Files.writeString(file, receipt, StandardCharsets.UTF_8);
        Path signature = work.resolve("report.json.receipt.json.sig");
        Files.writeString(signature, exchange.getMessage().getHeader(HubSigner.RECEIPT_SIGNATURE, String.class));

        Result ok = verifyJws(file, signature);
        assertThat(ok.exit()).as(ok.output()).isZero();

        Files.writeString(file, receipt.replace("ACCEPTED", "REJECTED"), StandardCharsets.UTF_8);
        Result broken = verifyJws(file, signature);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
    }

    /** Debian's python3 with python3-jwcrypto: skipped without it on a developer machine, a failure in CI. */
    private static void requireJwcrypto() throws Exception {
        RequiredService.executables(".ci/run (apt-get install python3-jwcrypto)", PYTHON);
        if (run(PYTHON.toString(), "-c", "import jwcrypto").exit() != 0) {
            RequiredService.unavailable("python3-jwcrypto is not installed", ".ci/run (apt-get install python3-jwcrypto)");
        }
    }

    private static Result verifyJws(Path file, Path signature) throws Exception {
        return run(PYTHON.toString(), VERIFY_JWS.toString(), file.toString(), signature.toString(),
                work.resolve("jwks.json").toString());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String name(String suffix) {
        return files.keySet().stream().filter(n -> n.endsWith("-v1" + suffix)).findFirst().orElseThrow();
    }

    private static Path save(Map<String, byte[]> parts, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            Files.write(dir.resolve(part.getKey()), part.getValue());
        }
        return dir;
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", CycleHub.authorization("mtszn")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] get(int port, String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Authorization", CycleHub.authorization("operator"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(10, 0).atZone(ZoneId.of("Asia/Almaty")).toInstant();
    }
}
