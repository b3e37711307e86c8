package kz.gov.safework.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import kz.gov.safework.document.Envelope;

/**
 * The message log: every envelope's bytes on disk under {@code <data-dir>/messages/} with their SHA-256,
 * and a row in {@code message_log}, written before the document is judged. The repository of {@code message_log}:
 * every query of it is here.
 */
public final class MessageLog {
    /** The log's folder under {@code hub.data-dir}, one sub-folder per UTC day of receipt. */
    public static final String FOLDER = "messages";

    private final Path root;
    private final DataSource dataSource;
    private final Clock clock;

    public MessageLog(Path dataDir, DataSource dataSource, Clock clock) {
        this.root = dataDir.resolve(FOLDER);
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Bytes written to the log, fsynced: the file, its size and SHA-256. */
    public record Logged(Path file, long size, String sha256) {
    }

    /**
     * Streams the body to the log as {@code <day>/<submissionId>.<sha256>}. No file is ever overwritten: a
     * redelivery finds its bytes already there, and different bytes under the same submission id (a reused
     * transport id) get a file of their own.
     */
    public Logged write(String submissionId, Instant receivedAt, BodyWriter body) {
        LocalDate day = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
        Path dir = root.resolve(day.toString());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, submissionId + ".", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 CountingOutputStream out = new CountingOutputStream(
                         new DigestOutputStream(Channels.newOutputStream(ch), sha))) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
                size = out.count;
            }
            String sha256 = HexFormat.of().formatHex(sha.digest());
            Path file = dir.resolve(submissionId + "." + sha256);
            try {
                Files.createLink(file, tmp); // fails, atomically, when the file exists: never replaces it
            } catch (FileAlreadyExistsException same) {
                // the same bytes, logged before
            } finally {
                Files.delete(tmp);
            }
            return new Logged(file, size, sha256);
        } catch (IOException e) {
            throw Outages.of("Cannot write message log for " + submissionId, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the envelope, with the id of the trace it travels in (null when tracing is off); a redelivered one
     * keeps its first row.
     */
    public void record(Envelope envelope, String traceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO message_log (submission_id, channel, login, agency, transport_id, file_name,
                         content_type, received_at, logged_at, size_bytes, sha256, body_path, trace_id)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, envelope.submissionId());
            ps.setString(2, envelope.channel().id());
            ps.setString(3, envelope.login());
            ps.setString(4, envelope.agency());
            ps.setString(5, Sql.limit(envelope.transportId(), 1024));
            ps.setString(6, Sql.limit(envelope.fileName(), 1024));
            ps.setString(7, Sql.limit(envelope.contentType(), 255));
            ps.setTimestamp(8, Timestamp.from(envelope.receivedAt()));
            ps.setTimestamp(9, Timestamp.from(Instant.now(clock)));
            ps.setLong(10, envelope.size());
            ps.setString(11, envelope.sha256());
            ps.setString(12, root.getParent().relativize(envelope.body()).toString());
            ps.setString(13, traceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return;
            }
            throw Outages.of("Cannot record message " + envelope.submissionId(), e);
        }
    }

    /** A logged document's bytes on disk with what the channel said about them. */
    public record LoggedDocument(Path file, String contentType, String fileName, long size, String sha256) {
    }

    /**
     * The logged bytes of a submission, when its row and file are still kept (retention purges both). A path
     * stored in the row is followed only inside the log's folder.
     */
    public Optional<LoggedDocument> document(String submissionId) {
        Path base = root.toAbsolutePath().normalize();
        List<LoggedDocument> rows = Sql.query(dataSource, "SELECT body_path, content_type, file_name, size_bytes,"
                        + " sha256 FROM message_log WHERE submission_id = ?", ps -> ps.setString(1, submissionId),
                rs -> new LoggedDocument(base.getParent().resolve(rs.getString(1)).normalize(), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getString(5)));
        return rows.stream().filter(d -> d.file().startsWith(base) && Files.isRegularFile(d.file())).findFirst();
    }

    /** How a logged document came: what an answer sent once more needs to find its way back. */
    public record Transport(String channel, String login, String transportId, String fileName) {
    }

    public Optional<Transport> transport(String submissionId) {
        return Sql.query(dataSource, "SELECT channel, login, transport_id, file_name FROM message_log"
                        + " WHERE submission_id = ?", ps -> ps.setString(1, submissionId),
                rs -> new Transport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .stream().findFirst();
    }

    /** Deletes the rows of envelopes received before the cutoff; returns how many. */
    int purgeRowsBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM message_log WHERE received_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge the message log", e);
        }
    }

    /** The log's folder, {@code <data-dir>/messages}. */
    Path root() {
        return root;
    }

    public InputStream open(Envelope envelope) throws IOException {
        return Files.newInputStream(envelope.body());
    }

    /** Writes a document's bytes to the given stream. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
