package kz.gov.safework.contract.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.gov.safework.contract.signature.SignaturePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * One edit that breaks one file: where the error must point (a regular expression over the JSON Pointer) and
     * what its message must say.
     */
    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                argumentSet("agency without kind", "agencies.yaml",
                        "  - code: MTSZN\n    kind: MINISTRY\n", "  - code: MTSZN\n",
                        "/agencies/0", List.of("agencies.yaml at /agencies/0: ", "kind", "line ")),
                argumentSet("unknown responsible code", PLAN,
                        "      - {code: AFK, byAgreement: true, contributes: true}",
                        "      - {code: AFC, byAgreement: true, contributes: true}",
                        "/items/2/responsible/4/code", List.of("unknown responsible code 'AFC'")),
                argumentSet("unknown predecessor", "agencies.yaml",
                        "predecessors: [AKIMAT-KARAGANDA]", "predecessors: [AKIMAT-KARAGANDY]",
                        "/agencies/\\d+/predecessors/0", List.of("unknown predecessor 'AKIMAT-KARAGANDY'")),
                argumentSet("agency ending before it begins", "agencies.yaml",
                        "    validFrom: 2022-06-08                        # formed from part of the Карагандинской области\n",
                        "    validFrom: 2022-06-08\n    validTo: 2022-06-07\n",
                        "/agencies/\\d+/validTo", List.of("before validFrom")),
                argumentSet("duplicate key", "agencies.yaml", "  - code: MZ\n", "  - code: MZ\n    code: MZ\n",
                        "/agencies/3.*", List.of("code")),
                argumentSet("duplicate agency code", "agencies.yaml", "  - code: ME\n", "  - code: MZ\n",
                        "/agencies/3/code", List.of("duplicate code 'MZ' (first at /agencies/1)")),
                argumentSet("group code that is also an agency code", "agencies.yaml",
                        "  - code: CENTRAL-STATE-BODIES\n", "  - code: MTSZN\n",
                        "/groups/3/code", List.of("duplicate code 'MTSZN'")),
                argumentSet("wrong type", PLAN, "firstReportingYear: 2021", "firstReportingYear: twenty-twenty-one",
                        "/firstReportingYear", List.of("integer")),
                argumentSet("unknown field", PLAN,
                        "lastReportingYear: 2025", "lastReportingYear: 2025\nlastReportingYaer: 2025",
                        "", List.of("lastReportingYaer")),
                argumentSet("item number out of pattern", PLAN, "  - number: \"4-1\"", "  - number: \"4.1\"",
                        "/items/4/number", List.of("pattern")),
                argumentSet("group member that is no agency", "agencies.yaml",
                        "members: [EMPLOYERS]", "members: [EMPLOYER]",
                        "/groups/1/members/0", List.of("unknown agency code 'EMPLOYER'")),
                argumentSet("e-mail listed for two agencies", "agencies.yaml",
                        "emails: [me@agency.hub.local]", "emails: [MZ@agency.hub.local]",
                        "/agencies/3/emails/0", List.of("mz@agency.hub.local", "ME")),
                argumentSet("amendment adding an item that is not in the plan", PLAN,
                        "\"22-1\", \"28-1\"]", "\"22-1\", \"28-1\", \"28-2\"]",
                        "/amendments/0/addedItems/6", List.of("item '28-2' is not in the plan")),
                argumentSet("month deadline without month", PLAN,
                        "{kind: MONTH, fromYear: 2022, toYear: 2022, month: 1, original: \"январь 2022 года\"}",
                        "{kind: MONTH, fromYear: 2022, toYear: 2022, original: \"январь 2022 года\"}",
                        "/items/2/deadline", List.of("month")),
                argumentSet("total that is not the sum of amounts", PLAN, "      total: 230000", "      total: 230001",
                        "/items/23/financing/total", List.of("not the sum")),
                argumentSet("impossible date", PLAN, "  date: 2021-06-17", "  date: 2021-02-30",
                        "/approved/date", List.of("invalid value")),
                argumentSet("plan whose id is not its file name", PLAN, "id: safe-labor-2021-2025", "id: safe-labor",
                        "/id", List.of("does not match the file name")),
                argumentSet("remote SFTP without host key", "agencies.yaml", "    emails: [mz@agency.hub.local]\n", """
                            emails: [mz@agency.hub.local]
                            remoteSftp: {host: sftp.mz.example.kz, port: 22, user: hub, privateKey: k, inbox: /o, receipts: /r}
                        """, "/agencies/3/remoteSftp", List.of("knownHosts")),
                argumentSet("unknown signature policy", "agencies.yaml", "    emails: [mz@agency.hub.local]\n", """
                            emails: [mz@agency.hub.local]
                            signature: {mail: mandatory}
                        """, "/agencies/3/signature/mail", List.of()));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void rejectsTheBrokenFileNamingThePlaceAndTheReason(String file, String from, String to, String pathPattern,
            List<String> says) throws IOException {
        edit(file, from, to);
        ReferenceDataException e = loadFails();
        assertThat(e.file()).isEqualTo(dir.resolve(file).toString());
        assertThat(e.path()).matches(pathPattern);
        for (String part : says) {
            assertThat(e.getMessage()).contains(part);
        }
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
    void rejectsMissingAgenciesFile() throws IOException {
        Files.delete(dir.resolve("agencies.yaml"));
        ReferenceDataException e = loadFails();
        assertThat(e.file()).endsWith("agencies.yaml");
        assertThat(e.getMessage()).contains("file not found");
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
}
