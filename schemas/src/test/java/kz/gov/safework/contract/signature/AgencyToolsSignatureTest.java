package kz.gov.safework.contract.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.contract.reading.DocumentFormat;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's recipes for agencies, run with the standard tools they name (xmlsec1 for XML-DSig, openssl for a
 * compact JWS): what an agency makes that way is what the hub verifies. Key and certificate are made here by openssl.
 */
class AgencyToolsSignatureTest {
    private static final Path EXAMPLE = Path.of("examples", "valid", "03-mz-2022.xml");
    private static final String TEMPLATE = """
            <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
              <SignedInfo>
                <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
                <Reference URI="">
                  <Transforms>
                    <Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                    <Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                  </Transforms>
                  <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                  <DigestValue/>
                </Reference>
              </SignedInfo>
              <SignatureValue/>
              <KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo>
            </Signature>
            """;
    private static final String JWS_RECIPE = """
            b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
            x5c=$(openssl x509 -in agency.pem -outform DER | openssl base64 -A)
            header=$(printf '{"alg":"RS256","x5c":["%s"]}' "$x5c" | b64url)
            payload=$(b64url < report.json)
            signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign agency.key | b64url)
            printf '%s.%s.%s' "$header" "$payload" "$signature" > report.jws
            """;

    @TempDir
    static Path work;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void agencyMakesItsKey() throws Exception {
        RequiredService.executables(".ci/run (apt-get install openssl xmlsec1)", Path.of("/usr/bin/openssl"),
                Path.of("/usr/bin/xmlsec1"));
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "agency.key", "-out",
                "agency.pem", "-days", "2", "-subj", "/CN=MZ signer/O=Ministry of Health");
        Files.createDirectories(work.resolve("config/certificates/MZ"));
        Files.copy(work.resolve("agency.pem"), work.resolve("config/certificates/MZ/agency.pem"));
        verifier = new SignatureVerifier(AgencyCertificates.load(work.resolve("config"),
                Map.of("MZ", "certificates/MZ")), Clock.systemUTC());
    }

    @Test
    void anXmlSignedWithXmlsec1IsVerified() throws Exception {
        String xml = Files.readString(EXAMPLE);
        Files.writeString(work.resolve("report.xml"), xml.replace("</progressReport>", TEMPLATE + "</progressReport>"));
        run("xmlsec1", "--sign", "--privkey-pem", "agency.key,agency.pem", "--output", "report.signed.xml",
                "report.xml");
        byte[] signed = Files.readAllBytes(work.resolve("report.signed.xml"));

        Verified verified = verifier.verify(signed, DocumentFormat.XML, SignaturePolicy.REQUIRED, "MZ").orElseThrow();

        assertThat(verified.signer().subject()).contains("CN=MZ signer");
        String changed = new String(signed, StandardCharsets.UTF_8).replace("<year>2022", "<year>2023");
        assertThatThrownBy(() -> verifier.verify(changed.getBytes(StandardCharsets.UTF_8), DocumentFormat.XML,
                SignaturePolicy.REQUIRED, "MZ")).isInstanceOfSatisfying(SignatureRefused.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
    }

    @Test
    void aJwsMadeWithOpensslIsVerifiedAndCarriesTheReport() throws Exception {
        String json = "{\"agency\":\"MZ\",\"year\":2022}";
        Files.writeString(work.resolve("report.json"), json);
        run("bash", "-c", JWS_RECIPE);

        Verified verified = verifier.verify(Files.readAllBytes(work.resolve("report.jws")), DocumentFormat.JSON,
                SignaturePolicy.REQUIRED, "MZ").orElseThrow();

        assertThat(verified.signer().agency()).isEqualTo("MZ");
        assertThat(new String(verified.content(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command[0], output).isZero();
    }
}
