package kz.gov.safework.connectors.identity;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logins and passwords shared by every channel (broker, SFTP, embedded mail, HTTP): each channel calls
 * {@link #login} and nothing else, so every channel is checked against the same stored form and throttled
 * by the same {@link LoginThrottle}. A credentials file ({@code hub.credentials-file}) holds one
 * {@code login=pbkdf2-sha256$...} line per login ({@code credentials set} writes them); the demo file
 * {@code config/demo-credentials.properties} holds plain passwords, for the demo run only.
 * Passwords are never logged or exposed.
 */
public final class Credentials {
    private final Map<String, StoredPassword> passwords;
    /** Checked for unknown logins, so they cost what a known login costs. */
    private final StoredPassword dummy;
    private final LoginThrottle throttle;
    /**
     * Hashed passwords verified in the last {@link #VERIFIED_FOR}, as an HMAC under a per-process random key:
     * the console polls the API every few seconds with Basic credentials, and a PBKDF2 per request would cost
     * a core. A wrong password always pays the full hash.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec verifiedKey;
    static final Duration VERIFIED_FOR = Duration.ofMinutes(1);

    private record Verified(byte[] mac, long untilNanos) {
    }

    private Credentials(Map<String, StoredPassword> passwords, StoredPassword dummy, LoginThrottle throttle) {
        this.passwords = Collections.unmodifiableMap(passwords);
        this.dummy = dummy;
        this.throttle = throttle;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.verifiedKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** What an unknown login's password is checked against (for the test that it costs what a known one does). */
    StoredPassword unknownLoginCheck() {
        return dummy;
    }

    private static Credentials of(Map<String, StoredPassword> passwords) {
        int iterations = passwords.values().stream()
                .filter(StoredPassword.Pbkdf2.class::isInstance)
                .mapToInt(p -> ((StoredPassword.Pbkdf2) p).iterations())
                .max().orElse(0);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        StoredPassword dummy = iterations == 0
                ? new StoredPassword.Plain(HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII))
                : new StoredPassword.Pbkdf2(iterations, random, new byte[StoredPassword.HASH_BYTES]);
        return new Credentials(passwords, dummy, LoginThrottle.none());
    }

    /**
     * A credentials file: every value must be hashed ({@code pbkdf2-sha256$...}).
     * @throws IllegalStateException naming the file and the first login whose value is not a hash
     */
    public static Credentials load(Path file) {
        Map<String, StoredPassword> map = new TreeMap<>();
        Properties props = read(file);
        for (String login : props.stringPropertyNames()) {
            try {
                map.put(normalize(login), StoredPassword.parse(props.getProperty(login)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Credentials file " + file + ": the value of login '" + login
                        + "' is not hashed (" + e.getMessage() + "); set it with: java -jar safework-hub.jar "
                        + "credentials set " + login, e);
            }
        }
        return of(map);
    }

    /** The demo file: plain {@code login=password} lines (demo runs only). */
    public static Credentials loadDemo(Path file) {
        return of(read(file));
    }

    /** Plain passwords, for tests and the demo. */
    public static Credentials of(Properties props) {
        Map<String, StoredPassword> map = new TreeMap<>();
        for (String login : props.stringPropertyNames()) {
            map.put(normalize(login), StoredPassword.Plain.of(props.getProperty(login)));
        }
        return of(map);
    }

    public static Credentials empty() {
        return of(new TreeMap<>());
    }

    /** The same logins, throttled by {@code throttle} (one throttle for every channel). */
    public Credentials throttledBy(LoginThrottle throttle) {
        return new Credentials(passwords, dummy, throttle);
    }

    /**
     * Checks a login's password on a channel. A locked login is refused before its password is looked at;
     * an unknown login costs the same hash work as a known one; a wrong password counts towards the lockout.
     */
    public LoginResult login(String channel, String login, String password) {
        if (login == null || password == null) {
            return LoginResult.REFUSED;
        }
        String key = normalize(login);
        Optional<Duration> locked = throttle.lockedFor(key);
        if (locked.isPresent()) {
            return LoginResult.locked(locked.get());
        }
        StoredPassword stored = passwords.get(key);
        if (stored instanceof StoredPassword.Pbkdf2 && recentlyVerified(key, password)) {
            throttle.succeeded(key);
            return LoginResult.ACCEPTED;
        }
        boolean matches = (stored == null ? dummy : stored).matches(password);
        if (stored != null && matches) {
            if (stored instanceof StoredPassword.Pbkdf2) {
                verified.put(key, new Verified(mac(key, password), System.nanoTime() + VERIFIED_FOR.toNanos()));
            }
            throttle.succeeded(key);
            return LoginResult.ACCEPTED;
        }
        throttle.failed(channel, key);
        return LoginResult.REFUSED;
    }

    private boolean recentlyVerified(String login, String password) {
        Verified entry = verified.get(login);
        if (entry == null) {
            return false;
        }
        if (System.nanoTime() - entry.untilNanos() >= 0) {
            verified.remove(login, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac(login, password));
    }

    private byte[] mac(String login, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(verifiedKey);
            mac.update(login.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    /** How long the login stays locked (a public-key login is refused too while it is). */
    public Optional<Duration> lockedFor(String login) {
        return throttle.lockedFor(normalize(login));
    }

    public Set<String> logins() {
        return passwords.keySet();
    }

    /**
     * Logins whose password here is the one the demo file publishes for them (production refuses them).
     * Costs one hash per login both files know.
     */
    public List<String> sameAsDemo(Credentials demo) {
        List<String> same = new ArrayList<>();
        demo.passwords.forEach((login, demoPassword) -> {
            StoredPassword mine = passwords.get(login);
            if (mine != null && demoPassword instanceof StoredPassword.Plain plain
                    && mine.matches(new String(plain.password(), StandardCharsets.UTF_8))) {
                same.add(login);
            }
        });
        return same;
    }

    /** True when a demo file holds this exact password for any login (for secrets kept outside this file). */
    public boolean publishes(String password) {
        return passwords.values().stream().anyMatch(p -> p instanceof StoredPassword.Plain && p.matches(password));
    }

    static String normalize(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }

    private static Properties read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read credentials file " + file + ": " + e.getMessage(), e);
        }
        return props;
    }

    @Override
    public String toString() {
        return "Credentials" + passwords.keySet();
    }
}
