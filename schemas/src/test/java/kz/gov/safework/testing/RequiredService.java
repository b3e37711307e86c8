package kz.gov.safework.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * A server or program outside the JVM that a test needs (PostgreSQL, OpenSSH, Dovecot, Chromium), started by a
 * {@code .ci/*.sh} script. On a developer machine without it the test is skipped with a message naming the script;
 * in CI ({@code CI=true}, or {@code -Dhub.services.required=true}) a missing service fails the test, never skips it.
 */
public final class RequiredService {
    /** Where the {@code .ci} scripts write what the tests need to find their server. */
    public static final Path CI_DIR = Path.of("/tmp/safework-ci");

    public static boolean required() {
        return "true".equals(System.getenv("CI")) || Boolean.getBoolean("hub.services.required");
    }

    /** The properties a {@code .ci} script wrote, e.g. {@code properties("postgres.properties", ".ci/postgres.sh")}. */
    public static Properties properties(String file, String script) {
        return optionalProperties(file, script).orElseThrow();
    }

    /**
     * Like {@link #properties} where the test has a fallback of its own (the store tests always run on H2 and add
     * PostgreSQL when it is there): empty on a developer machine without the service, a failure in CI.
     */
    public static Optional<Properties> optionalProperties(String file, String script) {
        Path path = CI_DIR.resolve(file);
        if (!Files.isRegularFile(path)) {
            missing(path + " is absent", script, true);
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
        return Optional.of(properties);
    }

    /** Programs the test runs, e.g. {@code executables(".ci/browser.sh", Path.of("/usr/bin/chromium"))}. */
    public static void executables(String script, Path... programs) {
        for (Path program : programs) {
            if (!Files.isExecutable(program)) {
                missing(program + " is not installed", script, false);
            }
        }
    }

    /** A service the test starts itself (e.g. by a deploy script) could not be had: skip, or fail in CI. */
    public static void unavailable(String what, String script) {
        missing(what, script, false);
    }

    private static void missing(String what, String script, boolean optional) {
        String message = what + ": run " + script + " first";
        if (required()) {
            fail(message + " (CI=true: a missing service is a failure, not a skip)");
        }
        if (!optional) {
            Assumptions.abort(message);
        }
    }

    private RequiredService() {
    }
}
