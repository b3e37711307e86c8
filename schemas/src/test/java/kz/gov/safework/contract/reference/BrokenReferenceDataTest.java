package kz.gov.safework.contract.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.gov.safework.contract.signature.SignaturePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken file stops loading with the file, the JSON Pointer inside it and the reason. */
class BrokenReferenceDataTest {
    private static final String PLAN = "plans/safe-labor-2021-2025.yaml";

    @TempDir
    Path dir;

    @BeforeEach
    void copyRealConfig() {
        ConfigDir.copyTo(dir);
    }

    /** Replaces exactly one occurrence, so a fixture cannot silently stop matching the real file. */
    private void edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        assertThat(at).as("fixture text in %s: %s", file, from).isNotNegative();
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()), StandardCharsets.UTF_8);
    }

    private ReferenceDataException loadFails() {
        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> ReferenceData.load(dir));
        assertThat(e).as("loading must fail with ReferenceDataException").isNotNull();
        return e;
    }

    @Test
    void loadsTheUnbrokenCopy() {
        assertThat(ReferenceData.load(dir).plans()).hasSize(1);
    }

    @Test
    void rejectsAgencyWithoutKind() throws IOException {
        edit("agencies.yaml", "  - code: MTSZN\n    kind: MINISTRY\n", "  - code: MTSZN\n");
        ReferenceDataException e = loadFails();
        assertThat(e.file()).isEqualTo(dir.resolve("agencies.yaml").toString());
        assertThat(e.path()).isEqualTo("/agencies/0");
        assertThat(e.getMessage()).contains("agencies.yaml at /agencies/0: ").contains("kind").contains("line ");
    }

    @Test
    void rejectsUnknownResponsibleCode() throws IOException {
        edit(PLAN, "      - {code: AFK, byAgreement: true, contributes: true}", "      - {code: AFC, byAgreement: true, contributes: true}");
        ReferenceDataException e = loadFails();
        assertThat(e.file()).isEqualTo(dir.resolve(PLAN).toString());
        assertThat(e.path()).isEqualTo("/items/2/responsible/4/code");
        assertThat(e.getMessage()).contains("unknown responsible code 'AFC'");
    }

    @Test
    void rejectsUnknownPredecessor() throws IOException {
        edit("agencies.yaml", "predecessors: [AKIMAT-KARAGANDA]", "predecessors: [AKIMAT-KARAGANDY]");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).matches("/agencies/\\d+/predecessors/0");
        assertThat(e.getMessage()).contains("unknown predecessor 'AKIMAT-KARAGANDY'");
    }

    @Test
    void rejectsAgencyEndingBeforeItBegins() throws IOException {
        edit("agencies.yaml", "    validFrom: 2022-06-08                        # formed from part of the Карагандинской области\n",
                "    validFrom: 2022-06-08\n    validTo: 2022-06-07\n");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).matches("/agencies/\\d+/validTo");
        assertThat(e.getMessage()).contains("before validFrom");
    }

    @Test
    void rejectsDuplicateAgencyCode() throws IOException {
        edit("agencies.yaml", "  - code: ME\n", "  - code: MZ\n");
        ReferenceDataException e = loadFails();
        assertThat(e.file()).endsWith("agencies.yaml");
        assertThat(e.path()).isEqualTo("/agencies/3/code");
        assertThat(e.getMessage()).contains("duplicate code 'MZ' (first at /agencies/1)");
    }

    @Test
    void rejectsGroupCodeThatIsAlsoAnAgencyCode() throws IOException {
        edit("agencies.yaml", "  - code: CENTRAL-STATE-BODIES\n", "  - code: MTSZN\n");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/groups/3/code");
        assertThat(e.getMessage()).contains("duplicate code 'MTSZN'");
    }

    @Test
    void rejectsBadYamlSyntax() throws IOException {
        edit("agencies.yaml", "aliases: [МТСЗН, Минтруда]", "aliases: [МТСЗН, Минтруда");
        ReferenceDataException e = loadFails();
        assertThat(e.file()).endsWith("agencies.yaml");
        assertThat(e.path()).startsWith("/agencies/0");
        assertThat(e.getMessage()).contains("invalid YAML").containsPattern("line \\d+, column \\d+");
    }

    @Test
    void rejectsWrongType() throws IOException {
        edit(PLAN, "firstReportingYear: 2021", "firstReportingYear: twenty-twenty-one");
        ReferenceDataException e = loadFails();
        assertThat(e.file()).endsWith("safe-labor-2021-2025.yaml");
        assertThat(e.path()).isEqualTo("/firstReportingYear");
        assertThat(e.getMessage()).contains("integer");
    }

    @Test
    void rejectsUnknownField() throws IOException {
        edit(PLAN, "lastReportingYear: 2025", "lastReportingYear: 2025\nlastReportingYaer: 2025");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEmpty();
        assertThat(e.getMessage()).contains("lastReportingYaer");
    }

    @Test
    void rejectsItemNumberOutOfPattern() throws IOException {
        edit(PLAN, "  - number: \"4-1\"", "  - number: \"4.1\"");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/items/4/number");
        assertThat(e.getMessage()).contains("pattern");
    }

    @Test
    void rejectsGroupMemberThatIsNoAgency() throws IOException {
        edit("agencies.yaml", "members: [EMPLOYERS]", "members: [EMPLOYER]");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/groups/1/members/0");
        assertThat(e.getMessage()).contains("unknown agency code 'EMPLOYER'");
    }

    @Test
    void rejectsEmailListedForTwoAgencies() throws IOException {
        edit("agencies.yaml", "emails: [me@agency.hub.local]", "emails: [MZ@agency.hub.local]");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/agencies/3/emails/0");
        assertThat(e.getMessage()).contains("mz@agency.hub.local").contains("ME");
    }

    @Test
    void rejectsAmendmentAddingAnItemThatIsNotInThePlan() throws IOException {
        edit(PLAN, "\"22-1\", \"28-1\"]", "\"22-1\", \"28-1\", \"28-2\"]");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/amendments/0/addedItems/6");
        assertThat(e.getMessage()).contains("item '28-2' is not in the plan");
    }

    @Test
    void rejectsMonthDeadlineWithoutMonth() throws IOException {
        edit(PLAN, "{kind: MONTH, fromYear: 2022, toYear: 2022, month: 1, original: \"январь 2022 года\"}",
                "{kind: MONTH, fromYear: 2022, toYear: 2022, original: \"январь 2022 года\"}");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/items/2/deadline");
        assertThat(e.getMessage()).contains("month");
    }

    @Test
    void rejectsTotalThatIsNotTheSumOfAmounts() throws IOException {
        edit(PLAN, "      total: 230000", "      total: 230001");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/items/23/financing/total");
        assertThat(e.getMessage()).contains("not the sum");
    }

    @Test
    void rejectsImpossibleDate() throws IOException {
        edit(PLAN, "  date: 2021-06-17", "  date: 2021-02-30");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/approved/date");
        assertThat(e.getMessage()).contains("invalid value");
    }

    @Test
    void rejectsDuplicateKey() throws IOException {
        edit("agencies.yaml", "  - code: MZ\n", "  - code: MZ\n    code: MZ\n");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).startsWith("/agencies/3");
        assertThat(e.getMessage()).contains("code");
    }

    @Test
    void rejectsMissingAgenciesFile() throws IOException {
        Files.delete(dir.resolve("agencies.yaml"));
        ReferenceDataException e = loadFails();
        assertThat(e.file()).endsWith("agencies.yaml");
        assertThat(e.getMessage()).contains("file not found");
    }

    @Test
    void rejectsPlanWhoseIdIsNotItsFileName() throws IOException {
        edit(PLAN, "id: safe-labor-2021-2025", "id: safe-labor");
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/id");
        assertThat(e.getMessage()).contains("does not match the file name");
    }

    @Test
    void acceptsAnAgencyPolledOverRemoteSftp() throws IOException {
        edit("agencies.yaml", "    emails: [mz@agency.hub.local]\n", """
                    emails: [mz@agency.hub.local]
                    remoteSftp:
                      host: sftp.mz.example.kz
                      port: 2022
                      user: hub
                      privateKey: keys/mz_ed25519
                      knownHosts: "sftp.mz.example.kz ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey"
                      inbox: /outgoing
                      receipts: /receipts
                """);
        RemoteSftp sftp = ReferenceData.load(dir).agency("MZ").orElseThrow().remoteSftp();
        assertThat(sftp).isEqualTo(new RemoteSftp("sftp.mz.example.kz", 2022, "hub", "keys/mz_ed25519",
                "sftp.mz.example.kz ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey", "/outgoing", "/receipts"));
    }

    @Test
    void rejectsRemoteSftpWithoutHostKey() throws IOException {
        edit("agencies.yaml", "    emails: [mz@agency.hub.local]\n", """
                    emails: [mz@agency.hub.local]
                    remoteSftp: {host: sftp.mz.example.kz, port: 22, user: hub, privateKey: k, inbox: /o, receipts: /r}
                """);
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/agencies/3/remoteSftp");
        assertThat(e.getMessage()).contains("knownHosts");
    }

    @Test
    void readsAnAgencysCertificateFolderAndSignaturePolicyPerChannel() throws IOException {
        edit("agencies.yaml", "    emails: [mz@agency.hub.local]\n", """
                    emails: [mz@agency.hub.local]
                    certificates: certificates/MZ
                    signature: {default: required, jms: optional, mail: "off"}
                """);
        Agency mz = ReferenceData.load(dir).agency("MZ").orElseThrow();
        assertThat(mz.certificates()).isEqualTo("certificates/MZ");
        assertThat(mz.signaturePolicy("sftp")).isEqualTo(SignaturePolicy.REQUIRED);
        assertThat(mz.signaturePolicy("jms")).isEqualTo(SignaturePolicy.OPTIONAL);
        assertThat(mz.signaturePolicy("mail")).isEqualTo(SignaturePolicy.OFF);
        assertThat(ReferenceData.load(dir).agency("ME").orElseThrow().signaturePolicy("mail"))
                .isEqualTo(SignaturePolicy.OPTIONAL);
    }

    @Test
    void rejectsAnUnknownSignaturePolicy() throws IOException {
        edit("agencies.yaml", "    emails: [mz@agency.hub.local]\n", """
                    emails: [mz@agency.hub.local]
                    signature: {mail: mandatory}
                """);
        ReferenceDataException e = loadFails();
        assertThat(e.path()).isEqualTo("/agencies/3/signature/mail");
    }
}
