package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import kz.gov.safework.connectors.identity.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsCommandTest {
    @TempDir
    Path config;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void configure() throws IOException {
        Files.writeString(config.resolve("application.properties"), "hub.credentials-file=secrets/credentials.properties\n");
    }

    private int run(String stdin, String... args) {
        return CredentialsCommand.run(args, config, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file() {
        return config.resolve("secrets/credentials.properties");
    }

    @Test
    void addsAHashedLineReadableByCredentials() throws IOException {
        assertThat(run("first-password-123\n", "set", "MZ")).isZero();
        List<String> lines = Files.readAllLines(file());
        assertThat(lines).filteredOn(l -> l.startsWith("mz=")).singleElement().asString()
                .startsWith("mz=pbkdf2-sha256$310000$");
        assertThat(Files.readString(file())).doesNotContain("first-password-123");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Login mz added").doesNotContain("first-password-123");
        assertThat(Credentials.load(file()).login("http", "mz", "first-password-123").accepted()).isTrue();
        if (Files.getFileStore(file()).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        }
    }

    @Test
    void rotatesAnExistingLoginAndKeepsTheOtherLines() throws IOException {
        assertThat(run("first-password-123\r\n", "set", "mz")).isZero();
        assertThat(run("operator-password-1", "set", "operator")).isZero();
        assertThat(run("second-password-456\n", "set", "mz")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Password of mz rotated");
        List<String> lines = Files.readAllLines(file());
        assertThat(lines).filteredOn(l -> l.startsWith("mz=")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("operator=")).hasSize(1);
        assertThat(lines.get(0)).startsWith("#");
        Credentials credentials = Credentials.load(file());
        assertThat(credentials.login("http", "mz", "second-password-456").accepted()).isTrue();
        assertThat(credentials.login("http", "mz", "first-password-123").accepted()).isFalse();
        assertThat(credentials.login("http", "operator", "operator-password-1").accepted()).isTrue();
        try (var leftovers = Files.list(file().getParent())) {
            assertThat(leftovers).hasSize(1);
        }
    }

    @Test
    void refusesAShortPasswordAndWritesNothing() {
        assertThat(run("short\n", "set", "mz")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
        assertThat(file()).doesNotExist();
    }

    @Test
    void refusesALoginThatCouldBreakTheFile() {
        assertThat(run("long-enough-password\n", "set", "mz=x\nother")).isEqualTo(2);
        assertThat(run("long-enough-password\n", "set", "")).isEqualTo(2);
        assertThat(file()).doesNotExist();
    }

    @Test
    void explainsWhenNoCredentialsFileIsConfigured() throws IOException {
        Files.writeString(config.resolve("application.properties"), "hub.credentials-file=\n");
        assertThat(run("long-enough-password\n", "set", "mz")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hub.credentials-file is not set");
    }

    @Test
    void printsUsageForAnythingElse() {
        assertThat(run("", "list")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("credentials set <login>");
    }
}
