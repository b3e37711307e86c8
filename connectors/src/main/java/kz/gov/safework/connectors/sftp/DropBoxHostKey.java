package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The drop box's host key in {@code <data-dir>/sftp-host-key} (OpenSSH private key format). An existing key is
 * used whatever its type (RSA, ECDSA, Ed25519), so the known_hosts lines agencies already have stay valid; a
 * new install makes an Ed25519 key. The key is never replaced: a file that cannot be read stops the drop box
 * with the reason, because a silently new key would be refused by every agency's client. The public half is
 * written next to it ({@code sftp-host-key.pub}) for the known_hosts line agencies need.
 *
 * <p>MINA's {@code SimpleGeneratorHostKeyProvider} is not used: it deletes a key of another type than the one
 * configured and replaces a key it fails to read.
 */
final class DropBoxHostKey {
    static final String COMMENT = "safework-hub-sftp";

    private DropBoxHostKey() {
    }

    static KeyPair loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        KeyPair key = Files.exists(file) ? read(file) : create(file);
        keepPrivate(file);
        Path pub = file.resolveSibling(file.getFileName() + AuthorizedKeys.SUFFIX);
        Files.writeString(pub, PublicKeyEntry.toString(key.getPublic()) + " " + COMMENT + "\n", StandardCharsets.UTF_8);
        return key;
    }

    private static KeyPair read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null);
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key in it");
            }
            return it.next();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the SFTP host key " + file + " (" + e.getMessage() + "): restore"
                    + " it from a backup, or delete it to make a new one (every agency must then update its known_hosts)",
                    e);
        }
    }

    private static KeyPair create(Path file) throws IOException, GeneralSecurityException {
        KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        keepPrivate(tmp);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            new OpenSSHKeyPairResourceWriter().writePrivateKey(key, COMMENT, null, out);
        }
        // Complete or absent: a crash while writing never leaves half a key that the next start would refuse.
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    private static void keepPrivate(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
