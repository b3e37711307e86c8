package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import kz.gov.safework.contract.LogText;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which drop box files are being written right now, because the SFTP server tells it when a
 * write handle opens and closes. The intake takes a file only when no write handle is open on it
 * ({@link #tryClaim}); while the intake holds a file, the server refuses to open it for writing, to
 * rename or to delete it. No timing guess is involved: a slow upload stays open, so it is never read
 * half way. Links are refused altogether, so no link can lead out of a home; files are written only
 * directly in {@code /inbox/}, and no folder can be created.
 *
 * <p>Files are named by {@code login + ":" + path inside the home} (e.g. {@code mz:/inbox/a.json}).
 */
public final class UploadTracker implements SftpEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(UploadTracker.class);

    private record Writer(ServerSession session, String key) {
    }

    private final int inboxMaxFiles;
    private final long inboxMaxBytes;
    private final Map<Handle, Writer> writers = new IdentityHashMap<>();
    private final Map<String, Integer> openCounts = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();

    /**
     * @param inboxMaxFiles {@code hub.sftp.inbox-max-files}: no upload opens while the inbox holds this many files
     * @param inboxMaxBytes {@code hub.sftp.inbox-max-bytes}: nor while its files hold this many bytes
     */
    public UploadTracker(int inboxMaxFiles, long inboxMaxBytes) {
        this.inboxMaxFiles = inboxMaxFiles;
        this.inboxMaxBytes = inboxMaxBytes;
    }

    public static String key(String login, String pathInHome) {
        String p = pathInHome.replace('\\', '/');
        return login + ":" + (p.startsWith("/") ? p : "/" + p);
    }

    private static String key(ServerSession session, Path rooted) {
        return key(DropBox.normalizeLogin(session.getUsername()), rooted.toAbsolutePath().normalize().toString());
    }

    /** True while some client holds the file open for writing. */
    public synchronized boolean isBeingWritten(String key) {
        return openCounts.containsKey(key);
    }

    /** Takes the file for the intake unless an upload is still writing it. */
    public synchronized boolean tryClaim(String key) {
        if (openCounts.containsKey(key) || claimed.contains(key)) {
            return false;
        }
        claimed.add(key);
        return true;
    }

    public synchronized void release(String key) {
        claimed.remove(key);
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (localHandle instanceof FileHandle file && writes(file)) {
            refuseOutsideInbox(file.getFile());
            refuseOverQuota(file.getFile());
            String key = key(session, file.getFile());
            synchronized (this) {
                if (claimed.contains(key)) {
                    throw new AccessDeniedException(file.getFile().toString(), null,
                            "the hub is taking this file in, try again in a moment");
                }
                writers.put(localHandle, new Writer(session, key));
                openCounts.merge(key, 1, Integer::sum);
            }
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        forget(localHandle);
    }

    @Override
    public void destroying(ServerSession session) {
        // A dropped connection may leave handles that never report closed: forget them all.
        synchronized (this) {
            writers.values().removeIf(writer -> {
                if (writer.session() == session) {
                    decrement(writer.key());
                    return true;
                }
                return false;
            });
        }
    }

    private synchronized void forget(Handle handle) {
        Writer writer = writers.remove(handle);
        if (writer != null) {
            decrement(writer.key());
        }
    }

    private void decrement(String key) {
        openCounts.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, java.util.Collection<java.nio.file.CopyOption> opts)
            throws IOException {
        refuseIfClaimed(session, srcPath);
        refuseIfClaimed(session, dstPath);
        // A file still being written must not appear complete under another name.
        String source = key(session, srcPath);
        synchronized (this) {
            if (openCounts.containsKey(source)) {
                throw new AccessDeniedException(srcPath.toString(), dstPath.toString(),
                        "close the upload before renaming it");
            }
        }
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        refuseIfClaimed(session, path);
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "folders cannot be created in the drop box");
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw new AccessDeniedException(source.toString(), target.toString(), "links are not allowed in the drop box");
    }

    private void refuseIfClaimed(ServerSession session, Path path) throws IOException {
        String key = key(session, path);
        synchronized (this) {
            if (claimed.contains(key)) {
                throw new AccessDeniedException(path.toString(), null, "the hub is taking this file in");
            }
        }
    }

    /**
     * An agency's inbox holds what the hub has not taken in yet: a sender that uploads faster than the hub reads,
     * or never renames its temporary files, is stopped at the quota instead of filling the disk.
     */
    private void refuseOverQuota(Path rooted) throws IOException {
        Path target = rooted.toAbsolutePath().normalize();
        int files = 0;
        long bytes = 0;
        try (java.util.stream.Stream<Path> inbox = java.nio.file.Files.list(target.getParent())) {
            for (Path other : (Iterable<Path>) inbox::iterator) {
                if (!other.getFileName().equals(target.getFileName())
                        && java.nio.file.Files.isRegularFile(other, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                    bytes += java.nio.file.Files.size(other);
                }
            }
        }
        if (files >= inboxMaxFiles || bytes >= inboxMaxBytes) {
            LOG.info("SFTP upload to {} refused: inbox quota reached ({} files, {} bytes)",
                    LogText.of(target), files, bytes);
            throw new AccessDeniedException(target.toString(), null, "inbox quota reached (" + files + " files, "
                    + bytes + " bytes; at most " + inboxMaxFiles + " files, " + inboxMaxBytes + " bytes)");
        }
    }

    /** Agencies write documents only: files directly in {@code /inbox/}. */
    private static void refuseOutsideInbox(Path rooted) throws IOException {
        Path path = rooted.toAbsolutePath().normalize();
        if (path.getNameCount() != 2 || !path.getName(0).toString().equals(DropBox.INBOX)) {
            throw new AccessDeniedException(path.toString(), null, "documents are uploaded to /inbox/");
        }
    }

    private static boolean writes(FileHandle file) {
        return writes(file.getOpenOptions());
    }

    static boolean writes(Set<? extends java.nio.file.OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.TRUNCATE_EXISTING);
    }
}
