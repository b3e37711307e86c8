package kz.gov.safework.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.signature.AgencyCertificates;
import kz.gov.safework.contract.signature.SignaturePolicy;
import kz.gov.safework.contract.signature.SignatureVerifier;
import kz.gov.safework.contract.signature.SigningMaterial;
import kz.gov.safework.contract.signature.SigningMaterial.Identity;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge with the signature step: policy per agency and channel, the signer as the document's identity. */
class SignedDocumentsTest {
    private static final Path CONFIG = Path.of("..", "config");
    private static final Instant ON_TIME_2023 = Instant.parse("2024-01-05T06:00:00Z");
    private static final String AKIMAT = "AKIMAT-ASTANA";

    private static Identity akimat;
    private static Identity health;
    private static Judge judge;
    private static Signatures signatures;
    private static SignatureVerifier verifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void registerCertificates(@TempDir Path config) throws Exception {
        SigningMaterial pki = new SigningMaterial();
        akimat = pki.agency("Akimat of Astana", false);
        health = pki.agency("Ministry of Health", true);
        AgencyCertificates certificates = new AgencyCertificates(
                Map.of(AKIMAT, List.of(akimat.certificate()), "MZ", List.of(health.certificate())), List.of());
        ReferenceData loaded = ReferenceData.load(CONFIG);
        // the akimat must sign on SFTP, may sign elsewhere
        List<Agency> agencies = loaded.agencies().stream().map(a -> !a.code().equals(AKIMAT) ? a
                : new Agency(a.code(), a.kind(), a.nameRu(), a.nameKk(), a.nameEn(), a.aliases(), a.emails(),
                        a.remoteSftp(), a.validFrom(), a.validTo(), a.predecessors(), null,
                        Map.of("sftp", "required"))).toList();
        ReferenceData reference = new ReferenceData(agencies, loaded.groups(), loaded.plans());
        verifier = new SignatureVerifier(certificates, Clock.systemUTC());
        signatures = new Signatures(verifier, reference);
        judge = new Judge(DocumentReader.progressReports(), signatures, new BusinessRules(reference),
                RulesFixture.NONE_ACCEPTED, 64 * 1024);
    }

    private Envelope envelope(byte[] body, Channel channel, String agency) throws Exception {
        Path file = dir.resolve(UUID.randomUUID() + ".doc");
        Files.write(file, body);
        return new Envelope("sub-1", channel, agency == null ? "someone" : agency.toLowerCase(), agency, "t-1", null,
                null, ON_TIME_2023, null, null, null, null, file, body.length, "0".repeat(64));
    }

    private static String report() {
        return JudgeTest.report(AKIMAT);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedJsonIsReadFromItsPayloadAndNamesTheSigner() throws Exception {
        Verdict verdict = judge.judge(envelope(SigningMaterial.jws(report(), akimat), Channel.JMS, AKIMAT));

        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.acceptable()).isTrue();
        assertThat(verdict.report().agency()).isEqualTo(AKIMAT);
        assertThat(verdict.signer().agency()).isEqualTo(AKIMAT);
        assertThat(verdict.signer().serial()).isEqualTo(akimat.certificate().getSerialNumber().toString(16));
    }

    @Test
    void aSignedXmlIsAcceptedWithItsSigner() throws Exception {
        String xml = Files.readString(Path.of("..", "schemas", "examples", "valid", "03-mz-2022.xml"));
        byte[] signed = SigningMaterial.bytes(SigningMaterial.signWhole(SigningMaterial.parse(xml), health));

        Verdict verdict = judge.judge(envelope(signed, Channel.SFTP, "MZ"));

        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.report().agency()).isEqualTo("MZ");
        assertThat(verdict.signer().agency()).isEqualTo("MZ");
    }

    @Test
    void aChangedByteInASignedXmlIsSignatureInvalid() throws Exception {
        String xml = Files.readString(Path.of("..", "schemas", "examples", "valid", "03-mz-2022.xml"));
        String signed = new String(SigningMaterial.bytes(SigningMaterial.signWhole(SigningMaterial.parse(xml),
                health)), StandardCharsets.UTF_8);

        Verdict verdict = judge.judge(envelope(utf8(signed.replace("<year>2022", "<year>2023")), Channel.SFTP, "MZ"));

        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.SIGNATURE_INVALID);
        assertThat(verdict.acceptable()).isFalse();
        assertThat(verdict.signer()).isNull();
    }

    @Test
    void aChangedJwsIsSignatureInvalidBeforeAnythingIsRead() throws Exception {
        String jws = new String(SigningMaterial.jws(report(), akimat), StandardCharsets.US_ASCII);
        String[] parts = jws.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, 10) + (parts[1].charAt(10) == 'A' ? 'B' : 'A')
                + parts[1].substring(11) + "." + parts[2];

        Verdict verdict = judge.judge(envelope(utf8(tampered), Channel.JMS, AKIMAT));

        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.SIGNATURE_INVALID);
        assertThat(verdict.read()).isNull();
    }

    @Test
    void anUnsignedDocumentIsRefusedWhereTheAgencysPolicyRequiresASignature() throws Exception {
        Verdict verdict = judge.judge(envelope(utf8(report()), Channel.SFTP, AKIMAT));

        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void anUnsignedDocumentPassesWhereThePolicyIsOptional() throws Exception {
        Verdict verdict = judge.judge(envelope(utf8(report()), Channel.JMS, AKIMAT));

        assertThat(verdict.acceptable()).isTrue();
        assertThat(verdict.signer()).isNull();
    }

    @Test
    void aDocumentSignedWithAnotherAgencysKeyIsSignerNotAgency() throws Exception {
        Verdict verdict = judge.judge(envelope(SigningMaterial.jws(report(), health), Channel.JMS, AKIMAT));

        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.SIGNER_NOT_AGENCY);
    }

    @Test
    void theSignerIsTheIdentityWhenTheChannelAuthenticatedNoAgency() throws Exception {
        Verdict verdict = judge.judge(envelope(SigningMaterial.jws(report(), akimat), Channel.MAIL, null));

        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.signer().agency()).isEqualTo(AKIMAT);
    }

    @Test
    void withoutSignatureTheRulesJudgeTheChannelsAnonymousSender() throws Exception {
        Verdict verdict = judge.judge(envelope(utf8(report()), Channel.MAIL, null));

        assertThat(verdict.acceptable()).isFalse();
    }

    @Test
    void thePolicyIsTheSendingAgencysOnTheChannel() throws Exception {
        assertThat(signatures.policy(envelope(utf8("{}"), Channel.SFTP, AKIMAT))).isEqualTo(SignaturePolicy.REQUIRED);
        assertThat(signatures.policy(envelope(utf8("{}"), Channel.MAIL, AKIMAT))).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(signatures.policy(envelope(utf8("{}"), Channel.SFTP, "MZ"))).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(signatures.policy(envelope(utf8("{}"), Channel.SFTP, null))).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(signatures.policy(envelope(utf8("{}"), Channel.SFTP, "NO-SUCH")))
                .isEqualTo(SignaturePolicy.OPTIONAL);
    }

    @Test
    void theHubsChannelDefaultAppliesWhereTheAgencyNamesNothingForTheChannel() throws Exception {
        ReferenceData loaded = ReferenceData.load(CONFIG);
        List<Agency> agencies = loaded.agencies().stream().map(a -> switch (a.code()) {
            case AKIMAT -> withSignature(a, Map.of("mail", "optional"));
            case "MZ" -> withSignature(a, Map.of("default", "off"));
            default -> a;
        }).toList();
        Signatures production = new Signatures(verifier, new ReferenceData(agencies, loaded.groups(),
                loaded.plans()), Map.of("mail", SignaturePolicy.REQUIRED));

        assertThat(production.policy(envelope(utf8("{}"), Channel.MAIL, "MTSZN"))).isEqualTo(SignaturePolicy.REQUIRED);
        assertThat(production.policy(envelope(utf8("{}"), Channel.MAIL, AKIMAT))).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(production.policy(envelope(utf8("{}"), Channel.MAIL, "MZ"))).isEqualTo(SignaturePolicy.OFF);
        assertThat(production.policy(envelope(utf8("{}"), Channel.MAIL, null))).isEqualTo(SignaturePolicy.REQUIRED);
        assertThat(production.policy(envelope(utf8("{}"), Channel.MAIL, "NO-SUCH"))).isEqualTo(SignaturePolicy.REQUIRED);
        assertThat(production.policy(envelope(utf8("{}"), Channel.JMS, "MTSZN"))).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(production.policy(envelope(utf8("{}"), Channel.SFTP, null))).isEqualTo(SignaturePolicy.OPTIONAL);
    }

    @Test
    void anUnsignedMailDocumentIsRefusedUnderTheProductionMailDefault() throws Exception {
        Signatures production = new Signatures(verifier, ReferenceData.load(CONFIG),
                Map.of("mail", SignaturePolicy.REQUIRED));
        Judge strict = new Judge(DocumentReader.progressReports(), production,
                new BusinessRules(ReferenceData.load(CONFIG)), RulesFixture.NONE_ACCEPTED, 64 * 1024);

        Verdict verdict = strict.judge(envelope(utf8(report()), Channel.MAIL, AKIMAT));

        assertThat(verdict.acceptable()).isFalse();
        assertThat(verdict.errors()).extracting(e -> e.code()).containsExactly(ErrorCode.SIGNATURE_MISSING);
    }

    private static Agency withSignature(Agency a, Map<String, String> signature) {
        return new Agency(a.code(), a.kind(), a.nameRu(), a.nameKk(), a.nameEn(), a.aliases(), a.emails(),
                a.remoteSftp(), a.validFrom(), a.validTo(), a.predecessors(), null, signature);
    }

    @Test
    void xmlIsRecognisedAfterAByteOrderMarkAndWhiteSpace() {
        assertThat(Signatures.looksLikeXml(utf8("<a/>"))).isTrue();
        assertThat(Signatures.looksLikeXml(utf8("\uFEFF \n<a/>"))).isTrue();
        assertThat(Signatures.looksLikeXml(utf8(" {\"a\":1}"))).isFalse();
        assertThat(Signatures.looksLikeXml(utf8("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))).isFalse();
        assertThat(Signatures.looksLikeXml(new byte[] {(byte) 0xEF, (byte) 0xBB})).isFalse();
        assertThat(Signatures.looksLikeXml(new byte[] {(byte) 0xEF, (byte) 0xBB, '<'})).isFalse();
        assertThat(Signatures.looksLikeXml(new byte[] {(byte) 0xEF, '<'})).isFalse();
        assertThat(Signatures.looksLikeXml(new byte[0])).isFalse();
        assertThat(Signatures.looksLikeXml(utf8("   "))).isFalse();
    }
}
