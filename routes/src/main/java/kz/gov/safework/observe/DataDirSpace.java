package kz.gov.safework.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Usable space on the file system that holds {@code hub.data-dir} (journal, database, message log). */
public final class DataDirSpace {
    private final Path dataDir;

    public DataDirSpace(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Bytes this JVM may still write; measured on the nearest existing parent before the dir exists. */
    public long usableBytes() {
        try {
            return Files.getFileStore(existing()).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Size of the file system that holds the data dir. */
    public long totalBytes() {
        try {
            return Files.getFileStore(existing()).getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existing() {
        Path existing = dataDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new UncheckedIOException(new IOException("no existing parent of " + dataDir));
        }
        return existing;
    }
}
