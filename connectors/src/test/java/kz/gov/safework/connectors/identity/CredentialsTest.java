package kz.gov.safework.connectors.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import kz.gov.safework.testing.MutableClock;

class CredentialsTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T09:00:00Z"));
    private final List<String> lockouts = new ArrayList<>();

    private Credentials hashed() throws IOException {
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "# hub\nmz=" + StoredPassword.hash("mz-long-password".toCharArray()).format() + "\n"
                + "operator=" + StoredPassword.hash("operator-long-password".toCharArray()).format() + "\n");
        return Credentials.load(file).throttledBy(new LoginThrottle(clock, 3, Duration.ofMinutes(5),
                (channel, login, until) -> lockouts.add(channel + ":" + login)));
    }

    /**
     * Unknown and known logins take the same time to refuse: the same work, not a measured time. An unknown login's
     * password goes through PBKDF2 with the iterations of the known logins (a hash that matches nothing).
     */
    @Test
    void anUnknownLoginCostsTheHashWorkOfAKnownOne() throws IOException {
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "mz=" + new StoredPassword.Pbkdf2(1000, new byte[16],
                StoredPassword.Pbkdf2.derive("a".toCharArray(), new byte[16], 1000, StoredPassword.HASH_BYTES)).format() + "\n"
                + "operator=" + StoredPassword.hash("operator-long-password".toCharArray()).format() + "\n");
        Credentials credentials = Credentials.load(file);

        assertThat(credentials.unknownLoginCheck()).isInstanceOfSatisfying(StoredPassword.Pbkdf2.class, check ->
                assertThat(check.iterations()).isEqualTo(StoredPassword.DEFAULT_ITERATIONS));
        assertThat(credentials.login("http", "nobody", "operator-long-password").accepted()).isFalse();
    }

    @Test
    void acceptsTheRightPasswordOfAHashedLogin() throws IOException {
        Credentials credentials = hashed();
        assertThat(credentials.login("http", "mz", "mz-long-password").accepted()).isTrue();
        assertThat(credentials.login("http", "MZ", "mz-long-password").accepted()).isTrue();
        assertThat(credentials.login("http", "mz", "mz-demo-2025")).isEqualTo(LoginResult.REFUSED);
        assertThat(credentials.login("http", "nobody", "mz-long-password")).isEqualTo(LoginResult.REFUSED);
    }

    @Test
    void lockedLoginIsRefusedEvenWithItsRightPasswordOnAnyChannel() throws IOException {
        Credentials credentials = hashed();
        credentials.login("http", "mz", "wrong-1");
        credentials.login("broker", "mz", "wrong-2");
        credentials.login("sftp", "mz", "wrong-3");
        LoginResult result = credentials.login("mail", "mz", "mz-long-password");
        assertThat(result.locked()).isTrue();
        assertThat(result.retryAfterSeconds()).isEqualTo(300);
        assertThat(lockouts).containsExactly("sftp:mz");
        assertThat(credentials.lockedFor("mz")).isPresent();
        assertThat(credentials.login("http", "operator", "operator-long-password").accepted()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(credentials.login("broker", "mz", "mz-long-password").accepted()).isTrue();
    }

    @Test
    void aVerifiedPasswordStillLetsNoOtherPasswordInNorALockedLogin() throws IOException {
        Credentials credentials = hashed();
        assertThat(credentials.login("http", "mz", "mz-long-password").accepted()).isTrue();
        assertThat(credentials.login("http", "mz", "mz-long-password").accepted()).as("again, from the cache").isTrue();
        assertThat(credentials.login("http", "mz", "mz-long-passwore")).isEqualTo(LoginResult.REFUSED);
        assertThat(credentials.login("http", "operator", "mz-long-password")).isEqualTo(LoginResult.REFUSED);
        credentials.login("http", "mz", "wrong-2");
        credentials.login("http", "mz", "wrong-3");
        assertThat(credentials.login("http", "mz", "mz-long-password").locked()).isTrue();
    }

    @Test
    void refusesAPlainPasswordInACredentialsFile() throws IOException {
        Path file = dir.resolve("plain.properties");
        Files.writeString(file, "mz=mz-demo-2025\n");
        assertThatThrownBy(() -> Credentials.load(file))
                .hasMessageContaining("'mz' is not hashed")
                .hasMessageContaining("credentials set mz")
                .hasMessageNotContaining("mz-demo-2025");
    }

    @Test
    void findsLoginsThatKeptTheirPublishedDemoPassword() throws IOException {
        Path demoFile = dir.resolve("demo.properties");
        Files.writeString(demoFile, "mz=mz-demo-2025\nme=me-demo-2025\n");
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "mz=" + StoredPassword.hash("mz-demo-2025".toCharArray()).format() + "\n"
                + "me=" + StoredPassword.hash("me-rotated-password".toCharArray()).format() + "\n");
        Credentials demo = Credentials.loadDemo(demoFile);
        assertThat(Credentials.load(file).sameAsDemo(demo)).containsExactly("mz");
        assertThat(demo.publishes("me-demo-2025")).isTrue();
        assertThat(demo.publishes("something-else")).isFalse();
    }

    @Test
    void demoFileKeepsPlainPasswords() throws IOException {
        Path demoFile = dir.resolve("demo.properties");
        Files.writeString(demoFile, "mz=mz-demo-2025\n");
        Credentials demo = Credentials.loadDemo(demoFile);
        assertThat(demo.login("http", "mz", "mz-demo-2025").accepted()).isTrue();
        assertThat(demo.login("http", "mz", "mz-demo-2026").accepted()).isFalse();
    }
}
