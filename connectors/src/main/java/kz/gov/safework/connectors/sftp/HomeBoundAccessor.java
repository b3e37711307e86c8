package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * File access of the drop box: no symbolic link is ever followed. MINA's rooted file system keeps
 * {@code ..} and absolute paths inside the home, but it follows a link that someone placed on the host
 * (clients cannot create links: {@link UploadTracker} refuses them). So every path whose components include
 * a link is refused, and attributes are never read or changed through a link.
 */
final class HomeBoundAccessor implements SftpFileSystemAccessor {
    private static final LinkOption[] NO_FOLLOW = { LinkOption.NOFOLLOW_LINKS };

    private final long maxFileSize;

    /** @param maxFileSize {@code hub.sftp.max-file-size}: no file written through the drop box grows past it */
    HomeBoundAccessor(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** Throws when any component of the path (the last one too, if asked) is a symbolic link. */
    static void refuseLinks(Path file, boolean includingLast) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path current = absolute.getRoot();
        int count = absolute.getNameCount();
        for (int i = 0; i < count; i++) {
            current = current.resolve(absolute.getName(i).toString());
            if ((includingLast || i < count - 1) && Files.isSymbolicLink(current)) {
                throw new AccessDeniedException(absolute.toString(), null, "symbolic links are not followed");
            }
        }
    }

    @Override
    public LinkOption[] resolveFileAccessLinkOptions(SftpSubsystemProxy subsystem, Path file, int cmd,
            String extension, boolean followLinks) {
        return NO_FOLLOW;
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        refuseLinks(file, true);
        SeekableByteChannel channel = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle,
                options, attrs);
        return UploadTracker.writes(options) ? new SizeLimitedChannel(channel, maxFileSize) : channel;
    }

    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
            String handle, LinkOption... linkOptions) throws IOException {
        refuseLinks(dir, true);
        return SftpFileSystemAccessor.super.openDirectory(subsystem, dirHandle, dir, handle, NO_FOLLOW);
    }

    @Override
    public Map<String, ?> readFileAttributes(SftpSubsystemProxy subsystem, Path file, String view,
            LinkOption... options) throws IOException {
        refuseLinks(file, false);
        return SftpFileSystemAccessor.super.readFileAttributes(subsystem, file, view, NO_FOLLOW);
    }

    @Override
    public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
            LinkOption... options) throws IOException {
        refuseLinks(file, true);
        SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, NO_FOLLOW);
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path path, Set<PosixFilePermission> perms,
            LinkOption... options) throws IOException {
        refuseLinks(path, true);
        SftpFileSystemAccessor.super.setFilePermissions(subsystem, path, perms, NO_FOLLOW);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path path, Principal value, LinkOption... options)
            throws IOException {
        throw new AccessDeniedException(path.toString(), null, "owners cannot be changed in the drop box");
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path path, Principal value, LinkOption... options)
            throws IOException {
        throw new AccessDeniedException(path.toString(), null, "groups cannot be changed in the drop box");
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        refuseLinks(path, false);
        SftpFileSystemAccessor.super.createDirectory(subsystem, path);
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw new AccessDeniedException(link.toString(), existing.toString(), "links are not allowed in the drop box");
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        refuseLinks(oldPath, false);
        refuseLinks(newPath, false);
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
            throws IOException {
        refuseLinks(src, true);
        refuseLinks(dst, false);
        SftpFileSystemAccessor.super.copyFile(subsystem, src, dst, opts);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        refuseLinks(path, false);
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }
}
