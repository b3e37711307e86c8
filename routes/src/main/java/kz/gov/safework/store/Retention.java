package kz.gov.safework.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hub.retention}: the message log (files under {@code messages/<day>/} and rows of {@code message_log}) and the
 * files of the given folders (the SFTP homes' {@code archive/} and {@code receipts/}) are kept this long after they
 * were received or written, then removed by {@link #purge()}, which logs what it removed. Judgements in the store
 * are not touched: they are the reporting record itself.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    /** What one purge removed. */
    public record Purged(Instant cutoff, int messageFiles, int messageRows, int folderFiles) {
    }

    private final Path messagesRoot;
    private final MessageLog messageLog;
    private final Clock clock;
    private final Period keep;
    private final Supplier<List<Path>> folders;

    /**
     * @param messageLog the message log, whose files and rows are purged
     * @param keep       {@code hub.retention}
     * @param folders    folders whose files are kept {@code keep} after they were last written
     */
    public Retention(MessageLog messageLog, Clock clock, Period keep, Supplier<List<Path>> folders) {
        this.messagesRoot = messageLog.root();
        this.messageLog = messageLog;
        this.clock = clock;
        this.keep = keep;
        this.folders = folders;
    }

    /** Removes everything older than {@code hub.retention}; logs and returns what it removed. */
    public Purged purge() {
        LocalDate cutoffDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minus(keep);
        Instant cutoff = cutoffDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        int files = purgeMessageDays(cutoffDay);
        int rows = messageLog.purgeRowsBefore(cutoff);
        int folderFiles = 0;
        for (Path folder : folders.get()) {
            folderFiles += purgeFolder(folder, cutoff);
        }
        Purged purged = new Purged(cutoff, files, rows, folderFiles);
        if (files + rows + folderFiles > 0) {
            LOG.info("Retention ({}): removed what was received before {}: {} message log files, {} message log rows,"
                    + " {} SFTP archive and receipt files", keep, cutoff, files, rows, folderFiles);
        } else {
            LOG.debug("Retention ({}): nothing received before {}", keep, cutoff);
        }
        return purged;
    }

    private int purgeMessageDays(LocalDate cutoffDay) {
        if (!Files.isDirectory(messagesRoot)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> days = Files.list(messagesRoot)) {
            for (Path day : (Iterable<Path>) days::iterator) {
                if (isDayBefore(day.getFileName().toString(), cutoffDay)) {
                    removed += deleteTree(day);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static boolean isDayBefore(String name, LocalDate cutoffDay) {
        try {
            return LocalDate.parse(name).isBefore(cutoffDay);
        } catch (java.time.format.DateTimeParseException notADay) {
            return false;
        }
    }

    private static int purgeFolder(Path folder, Instant cutoff) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static int deleteTree(Path dir) throws IOException {
        int files = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                }
                Files.deleteIfExists(p);
            }
        }
        return files;
    }
}
