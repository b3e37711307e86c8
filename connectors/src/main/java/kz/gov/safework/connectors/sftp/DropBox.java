package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The drop box on disk: one home per agency login under {@code <hub.data-dir>/sftp/}, each with
 * {@code inbox/}, {@code receipts/} and {@code archive/}. Every path the hub derives from a login or a
 * file name goes through here, and none of them can point outside the home it belongs to.
 */
public final class DropBox {
    public static final String INBOX = "inbox";
    public static final String RECEIPTS = "receipts";
    public static final String ARCHIVE = "archive";
    public static final String RECEIPT_SUFFIX = ".receipt.json";

    /** Logins are agency codes in lower case: letters, digits, dash, dot, underscore. */
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path root;

    public DropBox(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public static String normalizeLogin(String login) {
        return login == null ? null : login.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValidLogin(String login) {
        return login != null && LOGIN.matcher(login).matches();
    }

    public Path home(String login) {
        if (!isValidLogin(login)) {
            throw new IllegalArgumentException("not a drop box login: " + login);
        }
        return root.resolve(login);
    }

    public Path inbox(String login) {
        return home(login).resolve(INBOX);
    }

    public Path receipts(String login) {
        return home(login).resolve(RECEIPTS);
    }

    public Path archive(String login) {
        return home(login).resolve(ARCHIVE);
    }

    /** Creates the home and its three folders when missing. */
    public void createHome(String login) {
        try {
            Files.createDirectories(inbox(login));
            Files.createDirectories(receipts(login));
            Files.createDirectories(archive(login));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create SFTP home of " + login, e);
        }
    }

    /**
     * A file name fit to be a single path element: the last segment of whatever was given, without
     * control characters, never {@code .} or {@code ..}. Throws when nothing usable is left.
     */
    public static String safeFileName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("no file name");
        }
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        StringBuilder clean = new StringBuilder(last.length());
        last.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..") || result.length() > 255) {
            throw new IllegalArgumentException("not a usable file name: " + name);
        }
        return result;
    }

    /** Where the receipt for a document named {@code fileName} of this login goes. */
    public Path receiptFile(String login, String fileName) {
        return inReceipts(login, safeFileName(fileName) + RECEIPT_SUFFIX, fileName);
    }

    /** {@code receipts/<file name>.<submission id>.receipt.json}: one per submission, never replaced by another's. */
    public Path receiptFile(String login, String fileName, String submissionId) {
        return inReceipts(login, safeFileName(fileName) + "." + safeFileName(submissionId) + RECEIPT_SUFFIX, fileName);
    }

    private Path inReceipts(String login, String name, String fileName) {
        Path receipts = receipts(login);
        Path target = receipts.resolve(name).normalize();
        if (!target.getParent().equals(receipts)) {
            throw new IllegalArgumentException("receipt path outside " + receipts + ": " + fileName);
        }
        return target;
    }

    /**
     * Moves a processed inbox file to {@code archive/}, keeping its name, or {@code name-2.ext},
     * {@code name-3.ext}, ... when that name is taken. Never overwrites.
     */
    public Path archive(String login, Path file) throws IOException {
        Path archive = archive(login);
        Files.createDirectories(archive);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path target = archive.resolve(n == 1 ? name : stem + "-" + n + ext);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                return Files.move(file, target);
            } catch (FileAlreadyExistsException raced) {
                // taken between the check and the move: try the next number
            }
        }
    }
}
