package kz.gov.safework.hub;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import kz.gov.safework.connectors.identity.StoredPassword;

/**
 * {@code java -jar safework-hub.jar credentials set <login>}: reads the password from stdin (without echo on a
 * terminal) and writes {@code login=pbkdf2-sha256$...} into {@code hub.credentials-file}, replacing the login's
 * line or adding one; the file is rewritten atomically (a temporary file moved over it) and kept private.
 * The password is never in argv or a log line. A running hub reads the file when it starts.
 */
final class CredentialsCommand {
    static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,127}");
    static final int MIN_PASSWORD_CHARS = 12;
    static final int MAX_PASSWORD_BYTES = 1024;
    static final String USAGE = "usage: java -jar safework-hub.jar credentials set <login>   (password on stdin)";

    private CredentialsCommand() {
    }

    /** @return the process exit code */
    static int run(String[] args, Path configDir, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("set")) {
            err.println(USAGE);
            return 2;
        }
        String login = args[1].trim().toLowerCase(Locale.ROOT);
        if (!LOGIN.matcher(login).matches()) {
            err.println("Not a login: use lower-case letters, digits and . _ @ - (the agency code in lower case,"
                    + " operator or government)");
            return 2;
        }
        String configured = configured(configDir, HubSettings.CREDENTIALS_FILE);
        if (configured.isBlank()) {
            err.println(HubSettings.CREDENTIALS_FILE + " is not set: set it in " + configDir.resolve("application.properties")
                    + " (or -D" + HubSettings.CREDENTIALS_FILE + "=..., HUB_CREDENTIALS_FILE) to the file to write");
            return 2;
        }
        Path file = configDir.resolve(configured).toAbsolutePath();
        char[] password;
        try {
            password = readPassword(stdin, login);
        } catch (IOException e) {
            err.println("Cannot read the password from stdin: " + e.getMessage());
            return 1;
        }
        if (password.length < MIN_PASSWORD_CHARS) {
            err.println("Password too short: at least " + MIN_PASSWORD_CHARS + " characters");
            return 2;
        }
        try {
            String line = login + "=" + StoredPassword.hash(password).format();
            Arrays.fill(password, '\0');
            boolean replaced = write(file, login, line);
            out.println((replaced ? "Password of " + login + " rotated in " : "Login " + login + " added to ") + file
                    + " (a running hub reads it when it starts)");
            return 0;
        } catch (IOException e) {
            err.println("Cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }

    /** The first line of stdin, or a no-echo prompt on a terminal. */
    static char[] readPassword(InputStream stdin, String login) throws IOException {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] typed = console.readPassword("Password for %s: ", login);
            return typed == null ? new char[0] : typed;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = stdin.read()) != -1 && b != '\n') {
            if (buffer.size() >= MAX_PASSWORD_BYTES) {
                throw new IOException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
            }
            buffer.write(b);
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
        char[] password = new char[decoded.remaining()];
        decoded.get(password);
        Arrays.fill(bytes, (byte) 0);
        Arrays.fill(decoded.array(), '\0');
        return password;
    }

    /** Replaces the login's line (or appends one), keeping every other line; @return true when replaced. */
    static boolean write(Path file, String login, String line) throws IOException {
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
                : new ArrayList<>(List.of("# Hub credentials: login=pbkdf2-sha256$<iterations>$<salt>$<hash>,"
                        + " written by 'java -jar safework-hub.jar credentials set <login>'."));
        List<String> result = new ArrayList<>();
        boolean replaced = false;
        for (String existing : lines) {
            if (loginOf(existing).equals(login)) {
                if (!replaced) {
                    result.add(line);
                }
                replaced = true;
            } else {
                result.add(existing);
            }
        }
        if (!replaced) {
            result.add(line);
        }
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temp, result, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return replaced;
    }

    private static String loginOf(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return "";
        }
        int end = 0;
        while (end < trimmed.length() && "=: \t".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** A key as the hub would read it: -D, then the environment (HUB_CREDENTIALS_FILE), then application.properties. */
    static String configured(Path configDir, String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        if (value == null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(configDir.resolve("application.properties"),
                    StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                return "";
            }
            value = props.getProperty(key, "");
        }
        return value.trim();
    }
}
