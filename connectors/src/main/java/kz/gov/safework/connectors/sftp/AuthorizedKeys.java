package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import kz.gov.safework.contract.LogText;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agencies' public keys for the drop box: {@code <folder>/<login>.pub}, in OpenSSH authorized_keys format
 * (several keys, comments, options). Accepted: Ed25519, ECDSA (nistp256/384/521) and RSA of at least 2048 bits.
 *
 * <p>The folder is checked on every use ({@link #current()}: each key login and each health call) and read
 * again when a {@code .pub} file appears, changes or goes, so an agency's key is added or rotated without a
 * restart. The check compares names, sizes and modification times taken <em>before</em> reading, so a file
 * still being written is read again on the next use.
 *
 * <p>A file with any line the hub cannot accept (unreadable, a weak or unknown key type, an option the drop
 * box cannot honour) is not used at all: that agency's key logins are refused until the file is fixed, the
 * reason is logged once per change with the file and line, and {@link SftpKeysHealthCheck} is DOWN naming it.
 * Nothing here ever stops the hub.
 */
public final class AuthorizedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeys.class);

    static final String SUFFIX = ".pub";
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_PROBLEMS_PER_FILE = 5;
    static final String NOT_A_KEY = "not a public key line ([options] type base64-key [comment]):"
            + " give the hub the .pub file made by ssh-keygen";
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9@._-]{1,64}");
    static final Set<String> ACCEPTED_TYPES = Set.of(KeyPairProvider.SSH_ED25519, KeyPairProvider.ECDSA_SHA2_NISTP256,
            KeyPairProvider.ECDSA_SHA2_NISTP384, KeyPairProvider.ECDSA_SHA2_NISTP521, KeyPairProvider.SSH_RSA);
    /** Options that restrict what OpenSSH would allow; the drop box does not implement them, so it refuses the key. */
    static final Set<String> REFUSED_OPTIONS = Set.of("from", "expiry-time", "cert-authority", "principals");
    /** Options about shells, forwarding and terminals: already the case for a drop box that offers SFTP only. */
    static final Set<String> HARMLESS_OPTIONS = Set.of("restrict", "command", "environment", "agent-forwarding",
            "no-agent-forwarding", "port-forwarding", "no-port-forwarding", "pty", "no-pty", "user-rc", "no-user-rc",
            "x11-forwarding", "no-x11-forwarding", "permitopen", "permitlisten", "tunnel");

    /** One line (0: the whole file) the hub refused, and why. */
    public record Problem(Path file, int line, String reason) {
        /** File name, line and reason, escaped: safe for a log line and the health message. */
        public String describe() {
            return LogText.of(file.getFileName().toString()) + (line > 0 ? ":" + line : "") + ": "
                    + LogText.of(reason);
        }
    }

    /** The keys of each agency whose file was accepted, and every refused file's problems. */
    public record Snapshot(Map<String, List<PublicKey>> keys, List<Problem> problems) {
        public Snapshot {
            keys = Map.copyOf(keys);
            problems = List.copyOf(problems);
        }

        public List<PublicKey> keysOf(String login) {
            return keys.getOrDefault(login, List.of());
        }

        /** The problems of one agency's file (empty when it is accepted or absent). */
        public List<Problem> problemsOf(String login) {
            return problems.stream().filter(p -> p.file().getFileName().toString().equals(login + SUFFIX)).toList();
        }
    }

    private final Path folder;
    private final Set<String> logins;
    private Map<String, String> readStamp;
    private Snapshot snapshot = new Snapshot(Map.of(), List.of());

    /**
     * @param folder the keys folder ({@code hub.sftp.authorized-keys-dir}); may be absent (no key logins)
     * @param logins the logins that have a drop box: any other {@code .pub} file is refused
     */
    public AuthorizedKeys(Path folder, Collection<String> logins) {
        this.folder = folder;
        this.logins = Set.copyOf(logins);
    }

    public Path folder() {
        return folder;
    }

    /** The keys as the folder holds them now: read again when anything in it changed since the last read. */
    public synchronized Snapshot current() {
        Map<String, String> stamp = stamp();
        if (!stamp.equals(readStamp)) {
            Set<Problem> known = Set.copyOf(snapshot.problems());
            snapshot = read();
            readStamp = stamp;
            LOG.info("SFTP public keys read from {}: {} agencies with keys, {} file(s) refused", folder,
                    snapshot.keys().size(), snapshot.problems().stream().map(Problem::file).distinct().count());
            // Each problem once: another agency's file changing does not repeat it.
            snapshot.problems().stream().filter(p -> !known.contains(p)).forEach(p ->
                    LOG.warn("SFTP key file refused, key logins of its agency refused: {}", p.describe()));
        }
        return snapshot;
    }

    /** Name -> size and modification time of every {@code .pub} file; cheap enough for every login. */
    private Map<String, String> stamp() {
        Map<String, String> stamp = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    stamp.put(file.getFileName().toString(), attributes.size() + "@" + attributes.lastModifiedTime()
                            + "#" + attributes.fileKey());
                } catch (IOException e) {
                    stamp.put(file.getFileName().toString(), "unreadable: " + e);
                }
            }
        } catch (NoSuchFileException e) {
            stamp.put("", "no folder");
        } catch (IOException e) {
            stamp.put("", "unreadable folder: " + e);
        }
        return stamp;
    }

    private Snapshot read() {
        Map<String, List<PublicKey>> keys = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Snapshot(keys, problems);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            problems.add(new Problem(folder, 0, "cannot list the folder: " + e.getMessage()));
            return new Snapshot(keys, problems);
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString();
            String login = name.substring(0, name.length() - SUFFIX.length());
            if (!logins.contains(login)) {
                problems.add(new Problem(file, 0, "no agency has the login '" + login
                        + "' (a key file is named <login>.pub, e.g. akimat-astana.pub)"));
                continue;
            }
            List<PublicKey> fileKeys = new ArrayList<>();
            List<Problem> fileProblems = new ArrayList<>();
            readFile(file, fileKeys, fileProblems);
            if (fileProblems.isEmpty()) {
                keys.put(login, List.copyOf(fileKeys));
            } else {
                problems.addAll(fileProblems);
            }
        }
        return new Snapshot(keys, problems);
    }

    private static void readFile(Path file, List<PublicKey> keys, List<Problem> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            problems.add(new Problem(file, 0, "not a text file (UTF-8): an authorized_keys file is expected"));
            return;
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "cannot read: " + e.getClass().getSimpleName()));
            return;
        }
        if (lines.stream().anyMatch(l -> l.contains("PRIVATE KEY-----"))) {
            // Say so without echoing a line: health is public and logs are kept.
            problems.add(new Problem(file, 0, "holds a PRIVATE key: keep it with the agency, give the hub only the"
                    + " .pub file, and make a new key pair (this one is no longer secret)"));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                keys.add(parse(line));
            } catch (RefusedKey e) {
                problems.add(new Problem(file, i + 1, e.getMessage()));
            }
            if (problems.size() == MAX_PROBLEMS_PER_FILE && i + 1 < lines.size()) {
                problems.add(new Problem(file, 0, "more lines not checked"));
                return;
            }
        }
    }

    /**
     * One authorized_keys line to a key, or {@link RefusedKey} saying why the hub will not use it. Reasons never
     * quote the line beyond a key type or option name (health is public; a line could be part of a secret).
     */
    static PublicKey parse(String line) throws RefusedKey {
        AuthorizedKeyEntry entry;
        try {
            entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
        } catch (RuntimeException e) {
            entry = null;
        }
        if (entry == null || entry.getKeyType() == null) {
            throw new RefusedKey(NOT_A_KEY);
        }
        for (String option : entry.getLoginOptions().keySet()) {
            String name = option.toLowerCase(Locale.ROOT);
            name = name.startsWith("!") ? name.substring(1) : name;
            if (REFUSED_OPTIONS.contains(name)) {
                throw new RefusedKey("option '" + name + "' is not supported by the drop box; the key is refused"
                        + " rather than used without that restriction");
            }
            if (!HARMLESS_OPTIONS.contains(name)) {
                throw new RefusedKey("unknown option '" + token(name) + "'");
            }
        }
        String type = entry.getKeyType();
        if (KeyPairProvider.SSH_DSS.equals(type)) {
            throw new RefusedKey("DSA keys (ssh-dss) are refused as too weak: make an ed25519 key"
                    + " (ssh-keygen -t ed25519)");
        }
        if (!ACCEPTED_TYPES.contains(type)) {
            throw new RefusedKey("key type '" + token(type) + "' is not accepted: use ssh-ed25519,"
                    + " ecdsa-sha2-nistp256/384/521 or ssh-rsa of at least " + MIN_RSA_BITS + " bits");
        }
        PublicKey key;
        try {
            key = entry.resolvePublicKey(null, null);
        } catch (InvalidKeySpecException e) {
            throw new RefusedKey("this hub cannot decode " + type + " keys (" + e.getClass().getSimpleName()
                    + "); is its lib/ complete?");
        } catch (Exception e) {
            throw new RefusedKey("the " + type + " key data is damaged (" + e.getClass().getSimpleName() + ")");
        }
        if (key == null || !type.equals(KeyUtils.getKeyType(key))) {
            throw new RefusedKey("the key data is not a " + type + " key");
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new RefusedKey("RSA key of " + rsa.getModulus().bitLength() + " bits is refused as too weak:"
                    + " at least " + MIN_RSA_BITS + " bits (ssh-keygen -t rsa -b 3072), or an ed25519 key");
        }
        return key;
    }

    /** A key type or option name from the file, or "?" when it does not look like one. */
    private static String token(String text) {
        return text != null && TOKEN.matcher(text).matches() ? text : "?";
    }

    /** A well-formed key the hub's policy refuses; the message says why. */
    static final class RefusedKey extends Exception {
        RefusedKey(String reason) {
            super(reason);
        }
    }
}
