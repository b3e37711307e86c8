package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which agency keys the drop box takes from {@code <login>.pub} files, and what it says about the others. */
class AuthorizedKeysTest {
    @TempDir
    Path folder;

    private AuthorizedKeys keys;

    @BeforeEach
    void keys() {
        keys = new AuthorizedKeys(folder, List.of("mz", "akimat-astana", "akimat-almaty"));
    }

    static KeyPair key(String type, int bits) throws Exception {
        return KeyUtils.generateKeyPair(type, bits);
    }

    static String line(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic());
    }

    private void write(String file, String... lines) throws Exception {
        Files.writeString(folder.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void acceptsEd25519EcdsaAndRsaKeysWithCommentsAndOptionsInOneFile() throws Exception {
        KeyPair ed25519 = key(KeyPairProvider.SSH_ED25519, 256);
        KeyPair p256 = key(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair p384 = key(KeyPairProvider.ECDSA_SHA2_NISTP384, 384);
        KeyPair p521 = key(KeyPairProvider.ECDSA_SHA2_NISTP521, 521);
        KeyPair rsa = key(KeyPairProvider.SSH_RSA, 2048);
        write("akimat-astana.pub",
                "# Astana akimat: integration server and its standby",
                "",
                line(ed25519) + " integration@astana",
                "restrict,command=\"internal-sftp\" " + line(p256) + " standby@astana",
                "no-pty,no-port-forwarding " + line(p384),
                "   " + line(p521) + "   ",
                line(rsa) + " old server");

        AuthorizedKeys.Snapshot snapshot = keys.current();

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.keysOf("akimat-astana")).hasSize(5);
        for (KeyPair pair : List.of(ed25519, p256, p384, p521, rsa)) {
            assertThat(snapshot.keysOf("akimat-astana")).anyMatch(k -> KeyUtils.compareKeys(k, pair.getPublic()));
        }
        assertThat(snapshot.keysOf("mz")).isEmpty();
    }

    @Test
    void refusesRsaKeyUnder2048BitsNamingFileAndLine() throws Exception {
        write("mz.pub", "# weak", line(key(KeyPairProvider.SSH_RSA, 1024)));

        AuthorizedKeys.Snapshot snapshot = keys.current();

        assertThat(snapshot.keysOf("mz")).isEmpty();
        assertThat(snapshot.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.describe()).startsWith("mz.pub:2: RSA key of 1024 bits is refused as too weak");
        });
    }

    @Test
    void refusesDsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(1024);
        write("mz.pub", line(generator.generateKeyPair()));

        assertThat(keys.current().problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("mz.pub:1: DSA keys (ssh-dss) are refused"));
    }

    @Test
    void oneRefusedLineRefusesTheWholeFileAndOnlyThatFile() throws Exception {
        KeyPair good = key(KeyPairProvider.SSH_ED25519, 256);
        write("akimat-astana.pub", line(good), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBroken");
        write("mz.pub", line(good));

        AuthorizedKeys.Snapshot snapshot = keys.current();

        assertThat(snapshot.keysOf("akimat-astana")).isEmpty();
        assertThat(snapshot.keysOf("mz")).hasSize(1);
        assertThat(snapshot.problemsOf("akimat-astana")).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("akimat-astana.pub:2: the ssh-ed25519 key data is"));
        assertThat(snapshot.problemsOf("mz")).isEmpty();
    }

    @Test
    void refusesAKeyRestrictedToAddressesItCannotCheck() throws Exception {
        write("mz.pub", "from=\"10.0.0.0/8\" " + line(key(KeyPairProvider.SSH_ED25519, 256)));

        assertThat(keys.current().problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("mz.pub:1: option 'from' is not supported"));
    }

    @Test
    void refusesUnknownKeyTypesAndGarbageWithoutQuotingTheLine() throws Exception {
        write("mz.pub", "ssh-foo AAAAB3NzaC1yc2EAAAADAQABAAABAQ secret-comment",
                "hello world this is not a key \u001b[31m",
                "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIA== x");

        List<AuthorizedKeys.Problem> problems = keys.current().problems();

        assertThat(problems).extracting(AuthorizedKeys.Problem::line).containsExactly(1, 2, 3);
        assertThat(problems.get(0).describe()).startsWith("mz.pub:1: key type 'ssh-foo' is not accepted");
        assertThat(problems.get(1).describe()).startsWith("mz.pub:2: not a public key line");
        assertThat(problems.get(2).describe()).contains("'sk-ssh-ed25519@openssh.com' is not accepted");
        assertThat(problems).allSatisfy(p -> assertThat(p.describe())
                .doesNotContain("secret-comment", "hello", "\u001b", "AAAA"));
    }

    @Test
    void aPrivateKeyPutThereByMistakeIsRefusedWithoutEchoingIt() throws Exception {
        write("mz.pub", "-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
                "-----END OPENSSH PRIVATE KEY-----");

        assertThat(keys.current().problems()).singleElement().satisfies(p -> {
            assertThat(p.describe()).startsWith("mz.pub: holds a PRIVATE key");
            assertThat(p.describe()).doesNotContain("b3BlbnNzaC1rZXkt");
        });
    }

    @Test
    void aFileOfManyBadLinesIsReportedWithItsFirstFive() throws Exception {
        write("mz.pub", "# mentions PRIVATE KEYs but holds none", "a", "b", "c", "d", "e", "f", "g");

        List<AuthorizedKeys.Problem> problems = keys.current().problems();

        assertThat(problems).extracting(AuthorizedKeys.Problem::line).containsExactly(2, 3, 4, 5, 6, 0);
        assertThat(problems.get(5).describe()).isEqualTo("mz.pub: more lines not checked");
    }

    @Test
    void aFileOfNoAgencyIsReported() throws Exception {
        write("akimat_astana.pub", line(key(KeyPairProvider.SSH_ED25519, 256)));

        AuthorizedKeys.Snapshot snapshot = keys.current();

        assertThat(snapshot.keys()).isEmpty();
        assertThat(snapshot.problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("akimat_astana.pub: no agency has the login"));
    }

    @Test
    void readsAgainWhenAFileAppearsChangesOrGoes() throws Exception {
        assertThat(keys.current().keys()).isEmpty();

        KeyPair first = key(KeyPairProvider.SSH_ED25519, 256);
        write("mz.pub", line(first));
        assertThat(keys.current().keysOf("mz")).singleElement()
                .satisfies(k -> assertThat(KeyUtils.compareKeys(k, first.getPublic())).isTrue());

        // Rotation: the new key next to the old one, then the old one removed.
        KeyPair second = key(KeyPairProvider.ECDSA_SHA2_NISTP384, 384);
        write("mz.pub", line(first), line(second));
        assertThat(keys.current().keysOf("mz")).hasSize(2);
        write("mz.pub", line(second) + " rotated");
        List<PublicKey> rotated = keys.current().keysOf("mz");
        assertThat(rotated).singleElement()
                .satisfies(k -> assertThat(KeyUtils.compareKeys(k, second.getPublic())).isTrue());

        write("mz.pub", "broken");
        assertThat(keys.current().keysOf("mz")).isEmpty();
        assertThat(keys.current().problemsOf("mz")).hasSize(1);

        Files.delete(folder.resolve("mz.pub"));
        assertThat(keys.current().keys()).isEmpty();
        assertThat(keys.current().problems()).isEmpty();
    }

    @Test
    void absentFolderMeansNoKeysAndNoProblem() {
        AuthorizedKeys none = new AuthorizedKeys(folder.resolve("missing"), List.of("mz"));

        assertThat(none.current().keys()).isEmpty();
        assertThat(none.current().problems()).isEmpty();
    }
}
