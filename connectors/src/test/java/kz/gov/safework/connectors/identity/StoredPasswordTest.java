package kz.gov.safework.connectors.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class StoredPasswordTest {

    @Test
    void hashedPasswordMatchesOnlyItself() {
        StoredPassword.Pbkdf2 stored = StoredPassword.hash("correct horse battery".toCharArray());
        assertThat(stored.matches("correct horse battery")).isTrue();
        assertThat(stored.matches("correct horse batterY")).isFalse();
        assertThat(stored.matches("")).isFalse();
    }

    @Test
    void formatsAndParsesThePbkdf2Line() {
        StoredPassword.Pbkdf2 stored = StoredPassword.hash("s3cret-passw0rd".toCharArray());
        String line = stored.format();
        assertThat(line).matches("pbkdf2-sha256\\$310000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(line).doesNotContain("s3cret");
        assertThat(StoredPassword.parse(line).matches("s3cret-passw0rd")).isTrue();
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        assertThat(StoredPassword.hash("same".toCharArray()).format())
                .isNotEqualTo(StoredPassword.hash("same".toCharArray()).format());
    }

    /** RFC 7914 section 11 test vector for PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1, dkLen=64). */
    @Test
    void isStandardPbkdf2HmacSha256() throws Exception {
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        String expected = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
        StoredPassword.Pbkdf2 vector = new StoredPassword.Pbkdf2(1, salt, HexFormat.of().parseHex(expected));
        assertThat(vector.matches("passwd")).isTrue();
        // and the JDK algorithm it relies on agrees with the vector
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("passwd".toCharArray(), salt, 1, 512)).getEncoded();
        assertThat(HexFormat.of().formatHex(jdk)).isEqualTo(expected);
    }

    @Test
    void refusesPlainOrMalformedValuesInACredentialsFile() {
        assertThatThrownBy(() -> StoredPassword.parse("mz-demo-2025")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredPassword.parse("pbkdf2-sha256$x$AAAA$AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredPassword.parse("pbkdf2-sha256$1000$@@@$AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredPassword.parse("bcrypt$10$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
