package kz.gov.safework.connectors.identity;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Logins and passwords shared by every channel (broker, SFTP, embedded mail, HTTP).
 * The demo file {@code config/demo-credentials.properties} holds one {@code login=password} line per
 * agency plus operator, mtszn and government. Passwords are never logged or exposed.
 */
public final class Credentials {
    private final Map<String, byte[]> passwords;

    private Credentials(Map<String, byte[]> passwords) {
        this.passwords = Collections.unmodifiableMap(passwords);
    }

    public static Credentials load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read credentials file " + file + ": " + e.getMessage(), e);
        }
        return of(props);
    }

    public static Credentials of(Properties props) {
        Map<String, byte[]> map = new TreeMap<>();
        for (String login : props.stringPropertyNames()) {
            map.put(login.trim().toLowerCase(Locale.ROOT), props.getProperty(login).getBytes(StandardCharsets.UTF_8));
        }
        return new Credentials(map);
    }

    public static Credentials empty() {
        return new Credentials(Map.of());
    }

    /** Constant-time comparison; an unknown login still costs a comparison. */
    public boolean check(String login, String password) {
        if (login == null || password == null) {
            return false;
        }
        byte[] expected = passwords.get(login.toLowerCase(Locale.ROOT));
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        if (expected == null) {
            MessageDigest.isEqual(given, given);
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    public Set<String> logins() {
        return passwords.keySet();
    }

    /** The password of a login, for wiring embedded servers that need it (broker users, mailboxes). */
    public String passwordOf(String login) {
        byte[] p = passwords.get(login.toLowerCase(Locale.ROOT));
        return p == null ? null : new String(p, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Credentials" + passwords.keySet();
    }
}
