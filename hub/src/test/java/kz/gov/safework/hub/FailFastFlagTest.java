package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every way the hub is started runs it with {@code -XX:+ExitOnOutOfMemoryError}: the README's Run command, the
 * Dockerfile and the system tests' {@link HubProcess}, so the tests run the hub the way production does.
 */
class FailFastFlagTest {
    private static final Path ROOT = Path.of(System.getProperty("hub.config-dir", "../config")).toAbsolutePath()
            .normalize().getParent();
    private static final String FLAG = "-XX:+ExitOnOutOfMemoryError";

    @Test
    void readmeRunCommandExitsOnOutOfMemory() throws IOException {
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .contains("java " + FLAG + " -jar hub/target/safework-hub.jar");
    }

    @Test
    void dockerfileEntrypointExitsOnOutOfMemory() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("Dockerfile")))
                .anySatisfy(line -> assertThat(line).startsWith("ENTRYPOINT [\"java\", \"" + FLAG + "\""));
    }

    @Test
    void systemTestsStartTheHubWithTheSameFlag() throws IOException {
        assertThat(Files.readString(ROOT.resolve("hub/src/test/java/kz/gov/safework/hub/HubProcess.java")))
                .contains("\"" + FLAG + "\"");
    }
}
