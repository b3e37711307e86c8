package kz.gov.safework.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The repository of {@code submission_step} (migration V52): the steps of a submission after it was stored that no
 * other table records. The pipeline records each answer it hands to the broker; the resend and republish endpoints
 * record each operator's request, once per request id.
 */
public final class SubmissionSteps {
    /** The kinds of recorded step, as they appear in the trail. */
    public enum Kind {
        /** The feed message handed to {@code mtszn.feed}. */
        FEED_PUBLISHED,
        /** The receipt handed to its channel's adapter ({@code hub.receipts.<channel>}). */
        RECEIPT_SENT,
        /** The stored receipt sent once more by an operator. */
        RECEIPT_RESENT,
        /** The stored feed message published once more by an operator. */
        FEED_REPUBLISHED
    }

    /** One recorded step; fields a kind does not use are null. */
    public record Step(String submissionId, Kind kind, Instant doneAt, String destination, String replyTo,
                       String correlation, String requestId, String doneBy) {
    }

    private static final String INSERT = """
            INSERT INTO submission_step (submission_id, step, done_at, destination, reply_to, correlation, request_id,
                                         done_by)
            SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS
              (SELECT 1 FROM submission_step WHERE submission_id = ? AND step = ?
                 AND COALESCE(request_id, '') = COALESCE(?, ''))""";

    private final DataSource dataSource;
    private final Clock clock;

    public SubmissionSteps(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Records a step unless the same step of the same request is already recorded (a redelivered envelope hands its
     * answers to the broker again, and a retried HTTP request repeats its request id): true when this call wrote it.
     */
    public boolean record(String submissionId, Kind kind, String destination, String replyTo, String correlation,
                          String requestId, String doneBy) {
        // One conditional statement (the form MailReplyStore uses), the same on H2 and PostgreSQL.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, submissionId);
            ps.setString(2, kind.name());
            ps.setObject(3, OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC));
            ps.setString(4, Sql.limit(destination, 1024));
            ps.setString(5, Sql.limit(replyTo, 1024));
            ps.setString(6, Sql.limit(correlation, 1024));
            ps.setString(7, requestId);
            ps.setString(8, doneBy);
            ps.setString(9, submissionId);
            ps.setString(10, kind.name());
            ps.setString(11, requestId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Outages.of("Cannot record step " + kind + " of " + submissionId, e);
        }
    }

    /**
     * Runs the work (handing a submission's answers to the broker again) holding the submission's lock, so that
     * two threads or hub instances answering the same submission at once do it one after the other. The lock is one of
     * {@link DatabaseLock#ANSWER_STRIPES} rows of {@code hub_lock} (V55), chosen by the submission id. It holds a
     * connection while the work runs, and the work records its steps on another: the pool needs more connections than
     * threads that answer at once.
     */
    public <T> T oneAtATime(String submissionId, java.util.function.Supplier<T> work) {
        return new DatabaseLock(dataSource).call(DatabaseLock.answering(submissionId), work);
    }

    /** Every recorded step of a submission, oldest first. */
    public List<Step> of(String submissionId) {
        return Sql.query(dataSource, """
                SELECT submission_id, step, done_at, destination, reply_to, correlation, request_id, done_by
                FROM submission_step WHERE submission_id = ? ORDER BY done_at, step_id""",
                ps -> ps.setString(1, submissionId),
                rs -> new Step(rs.getString(1), Kind.valueOf(rs.getString(2)), Sql.instant(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
    }

    /** Where the pipeline addressed the receipt the first time (its reply-to and correlation), when recorded. */
    public Optional<Step> firstReceipt(String submissionId) {
        return of(submissionId).stream().filter(s -> s.kind() == Kind.RECEIPT_SENT).findFirst();
    }
}
