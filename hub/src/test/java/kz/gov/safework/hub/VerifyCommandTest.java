package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import kz.gov.safework.contract.signature.HubSigningKeys;
import kz.gov.safework.contract.signature.TestPackage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final String RECEIPT = "{\"submissionId\":\"sftp-1\",\"agency\":\"MZ\",\"status\":\"ACCEPTED\","
            + "\"message\":\"Принято\"}";

    @TempDir
    Path config;
    @TempDir
    Path data;
    @TempDir
    Path agency;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HubSigningKeys keys;
    private Path receipt;
    private Path jwks;

    @BeforeEach
    void signedReceipt() throws Exception {
        Files.writeString(config.resolve("application.properties"),
                "hub.data-dir=" + data + "\nhub.signing.keystore=\nhub.signing.alias=hub\n");
        Map<String, String> settings = Map.of(HubSettings.SIGNING_ALIAS, "hub");
        keys = HubSigning.keys(key -> settings.getOrDefault(key, ""), config, data, Clock.systemUTC(),
                Duration.ofMinutes(1), problem -> { });
        receipt = agency.resolve("report.json.receipt.json");
        Files.writeString(receipt, RECEIPT, StandardCharsets.UTF_8);
        Files.writeString(agency.resolve("report.json.receipt.json.sig"),
                keys.sign(RECEIPT.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
        jwks = agency.resolve("jwks.json");
        Files.writeString(jwks, keys.publicKeys().toString());
    }

    @Test
    void aReceiptWithItsSignatureVerifiesAgainstASavedJwkSet() {
        assertThat(run("verify", receipt.toString(), "--jwks", jwks.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("file:      " + receipt, "signature: " + receipt + ".sig", "keys:      " + jwks + " (1 published)")
                .contains("VALID: the hub's RS256 signature by key " + keys.current().kid())
                .contains("DEMO signing key");
    }

    @Test
    void withoutAJwkSetTheHubsOwnKeystoreIsUsed() {
        assertThat(run("verify", receipt.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("keys:      the hub's keystore", "VALID");
    }

    @Test
    void oneChangedByteIsInvalidWithExitCodeOne() throws Exception {
        byte[] bytes = Files.readAllBytes(receipt);
        bytes[bytes.length - 3] ^= 1;
        Files.write(receipt, bytes);
        assertThat(run("verify", receipt.toString(), "--jwks", jwks.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID: the signature does not match")
                .doesNotContainPattern("(?m)^VALID:");
    }

    @Test
    void aSignatureOfAnotherReceiptIsInvalid() throws Exception {
        Path other = agency.resolve("other.sig");
        Files.writeString(other, keys.sign("{\"status\":\"REJECTED\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("verify", receipt.toString(), "--signature", other.toString(), "--jwks", jwks.toString()))
                .isEqualTo(1);
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(run("verify")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar safework-hub.jar verify");
        assertThat(run("verify", receipt.toString(), "--jwks")).isEqualTo(2);
        Files.delete(agency.resolve("report.json.receipt.json.sig"));
        assertThat(run("verify", receipt.toString(), "--jwks", jwks.toString())).isEqualTo(2);
        assertThat(run("verify", agency.toString(), "--signature", "x.sig")).isEqualTo(2);
    }

    @Test
    void aFolderWithoutAManifestIsNoPackage() {
        assertThat(run("verify", agency.toString(), "--jwks", jwks.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL  " + agency + ": one *.manifest.json",
                "INVALID: 1 of 1 checks failed");
    }

    @Test
    void aPackageFolderVerifiesWithOneLinePerCheck() throws Exception {
        Path folder = signedPackage();
        assertThat(run("verify", folder.toString(), "--jwks", jwks.toString())).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("package:   " + folder, "OK    p-v1.xml: the hub's enveloped XML-DSig",
                "OK    p-v1.json: the hub's detached JWS in p-v1.json.sig (RS256, key " + keys.current().kid(),
                "OK    p-v1.manifest.json: the hub's detached JWS in p-v1.manifest.json.sig",
                "OK    p-v1.pdf: SHA-256 and size as in the manifest", "OK    p-v1.manifest.json.sha256",
                "VALID: every signature and every hash of the package checks (7 checks)");
        assertThat(printed).doesNotContain("FAIL");
    }

    @Test
    void oneChangedByteOfThePdfFailsNamingThePdf() throws Exception {
        Path folder = signedPackage();
        byte[] pdf = Files.readAllBytes(folder.resolve("p-v1.pdf"));
        pdf[5] ^= 1;
        Files.write(folder.resolve("p-v1.pdf"), pdf);
        assertThat(run("verify", folder.toString(), "--jwks", jwks.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL  p-v1.pdf: SHA-256 and size as in the manifest",
                "INVALID: 1 of 7 checks failed");
    }

    /** A package as the hub makes one (signed by the production signer), small enough to write here. */
    private Path signedPackage() throws Exception {
        Path folder = agency.resolve("package");
        Files.createDirectories(folder);
        TestPackage.write(keys, folder, "p-v1",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:test\">Отчёт</report>",
                "{\"report\":\"Отчёт\"}", "%PDF-1.4 not really a PDF");
        return folder;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), config,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
