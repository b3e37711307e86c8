package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2031-06-01T10:00:00Z");
    private static final Period KEEP = Period.ofYears(5);
    /** The first instant that is kept: the UTC day five years before now. */
    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dataDir;

    static Stream<TestDatabases.TestDatabase> databases() throws Exception {
        return TestDatabases.all().stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void removesWhatWasReceivedBeforeTheRetentionAndKeepsTheRest(TestDatabases.TestDatabase db) throws Exception {
        Path messages = dataDir.resolve(MessageLog.FOLDER);
        Path oldFile = Files.createDirectories(messages.resolve("2026-05-31")).resolve("old-id");
        Path keptFile = Files.createDirectories(messages.resolve("2026-06-01")).resolve("kept-id");
        Files.writeString(oldFile, "old");
        Files.writeString(keptFile, "kept");
        Path notADay = Files.createDirectories(messages.resolve("lost+found")).resolve("x");
        Files.writeString(notADay, "x");
        insertRow(db, "old-id", CUTOFF.minusSeconds(1));
        insertRow(db, "kept-id", CUTOFF);

        Path archive = Files.createDirectories(dataDir.resolve("sftp/mz/archive"));
        Path oldArchived = Files.writeString(archive.resolve("old.json"), "{}");
        Files.setLastModifiedTime(oldArchived, FileTime.from(CUTOFF.minusSeconds(60)));
        Path keptArchived = Files.writeString(archive.resolve("kept.json"), "{}");
        Files.setLastModifiedTime(keptArchived, FileTime.from(CUTOFF.plusSeconds(60)));

        Retention retention = new Retention(new MessageLog(dataDir, db.dataSource(), Clock.systemUTC()), Clock.fixed(NOW, ZoneOffset.UTC), KEEP,
                () -> List.of(archive, dataDir.resolve("sftp/mz/receipts")));
        Retention.Purged purged = retention.purge();

        assertThat(purged).isEqualTo(new Retention.Purged(CUTOFF, 1, 1, 1));
        assertThat(oldFile.getParent()).doesNotExist();
        assertThat(keptFile).hasContent("kept");
        assertThat(notADay).exists();
        assertThat(rows(db)).containsExactly("kept-id");
        assertThat(oldArchived).doesNotExist();
        assertThat(keptArchived).exists();

        assertThat(retention.purge()).isEqualTo(new Retention.Purged(CUTOFF, 0, 0, 0));
    }

    private static void insertRow(TestDatabases.TestDatabase db, String id, Instant receivedAt) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO message_log (submission_id, channel, transport_id, received_at, logged_at, size_bytes,
                         sha256, body_path) VALUES (?, 'sftp', ?, ?, ?, 0, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, "t-" + id);
            insert.setTimestamp(3, Timestamp.from(receivedAt));
            insert.setTimestamp(4, Timestamp.from(receivedAt));
            insert.setString(5, "0".repeat(64));
            insert.setString(6, "messages/" + id);
            insert.executeUpdate();
        }
    }

    private static List<String> rows(TestDatabases.TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT submission_id FROM message_log ORDER BY 1");
             ResultSet rs = select.executeQuery()) {
            List<String> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }
}
