package kz.gov.safework.connectors.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password as the hub keeps it. In a credentials file: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (PBKDF2-HMAC-SHA256 from the JDK, salt and hash in unpadded Base64), the same layout as
 * passlib's {@code pbkdf2_sha256} apart from the alphabet. The demo file alone holds plain passwords.
 * Every comparison is constant-time.
 */
public sealed interface StoredPassword {
    String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2021 figure for PBKDF2-HMAC-SHA256; a stored line keeps its own count, so it can grow. */
    int DEFAULT_ITERATIONS = 310_000;
    int SALT_BYTES = 16;
    int HASH_BYTES = 32;

    boolean matches(String password);

    /** PBKDF2 hash of a new password with a fresh random salt. */
    static Pbkdf2 hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new Pbkdf2(DEFAULT_ITERATIONS, salt, Pbkdf2.derive(password, salt, DEFAULT_ITERATIONS, HASH_BYTES));
    }

    /**
     * A line's value from a credentials file: only the hashed form is accepted.
     * @throws IllegalArgumentException when the value is not {@code pbkdf2-sha256$...} or is malformed
     */
    static Pbkdf2 parse(String value) {
        String[] parts = value.trim().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + "$<iterations>$<salt>$<hash> value");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(parts[2]);
            byte[] hash = b64.decode(parts[3]);
            if (iterations < 1 || salt.length < 8 || hash.length < 16) {
                throw new IllegalArgumentException("iterations, salt or hash too small");
            }
            return new Pbkdf2(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " value: " + e.getMessage(), e);
        }
    }

    /** A demo password kept as given (config/demo-credentials.properties, demo runs only). */
    record Plain(byte[] password) implements StoredPassword {
        public static Plain of(String password) {
            return new Plain(password.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean matches(String password) {
            return MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Plain[***]";
        }
    }

    record Pbkdf2(int iterations, byte[] salt, byte[] hash) implements StoredPassword {
        @Override
        public boolean matches(String password) {
            char[] chars = password.toCharArray();
            if (chars.length == 0) {
                // The JDK refuses an empty PBKDF2 key: spend the same work, never match.
                derive(new char[] {'\0'}, salt, iterations, hash.length);
                return false;
            }
            try {
                return MessageDigest.isEqual(hash, derive(chars, salt, iterations, hash.length));
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
        }

        /** The value written after {@code login=} in a credentials file. */
        public String format() {
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }

        static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable in this JVM", e);
            } finally {
                spec.clearPassword();
            }
        }

        @Override
        public String toString() {
            return "Pbkdf2[" + iterations + "]";
        }
    }
}
