package kz.gov.safework.connectors.sftp;

import java.io.File;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;

/**
 * The drop box intake's read lock: a file is taken only when the SFTP server has no write handle open on
 * it, and is held (no client may write, rename or delete it) until the intake commits or rolls back.
 * Unlike {@code readLock=changed} this does not guess from sizes and timestamps, so a slow upload that
 * pauses for minutes is still never read half way.
 */
public final class UploadReadLock implements GenericFileExclusiveReadLockStrategy<File> {
    private final DropBox dropBox;
    private final UploadTracker tracker;

    public UploadReadLock(DropBox dropBox, UploadTracker tracker) {
        this.dropBox = dropBox;
        this.tracker = tracker;
    }

    /** {@code login:/inbox/name} of a file under the drop box root. */
    String keyOf(File file) {
        Path relative = dropBox.root().relativize(file.toPath().toAbsolutePath().normalize());
        if (relative.getNameCount() < 2) {
            throw new IllegalArgumentException("not in a drop box home: " + file);
        }
        return UploadTracker.key(relative.getName(0).toString(),
                relative.subpath(1, relative.getNameCount()).toString());
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file,
            Exchange exchange) {
        return tracker.tryClaim(keyOf(file.getFile()));
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<File> operations, GenericFile<File> file,
            Exchange exchange) {
        tracker.release(keyOf(file.getFile()));
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<File> operations, GenericFile<File> file,
            Exchange exchange) {
        tracker.release(keyOf(file.getFile()));
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<File> operations, GenericFile<File> file,
            Exchange exchange) {
        tracker.release(keyOf(file.getFile()));
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) {
        // nothing to clean: no marker files are used
    }

    @Override
    public void setTimeout(long timeout) {
    }

    @Override
    public void setCheckInterval(long checkInterval) {
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
    }
}
