package kz.gov.safework.cycle;

import kz.gov.safework.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The cycle's JDBC access: owns {@code cycle_reminder}, {@code consolidation} and {@code government_outbox}; the
 * pipeline's submissions are read through {@link kz.gov.safework.store.SubmissionStore}. Plain SQL that runs on H2
 * and PostgreSQL.
 */
public class CycleStore {
    private final DataSource dataSource;

    public CycleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims a reminder; false when it was already claimed (the primary key says so). The row is also the
     * reminder's outbox entry (V13): an e-mail reminder is claimed with what it says and no {@code delivered_at},
     * in this one INSERT, and {@link ReminderOutbox} sends it; a queue reminder is claimed once the broker has it
     * ({@code delivered}).
     */
    public boolean claimReminder(Reminder r, Instant at, boolean delivered) {
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO cycle_reminder (agency, plan_id, report_year, offset_days, channel, recipient,
                                                 missing_items, sent_at, subject, body, delivered_at, next_attempt_at)
                     SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM cycle_reminder
                      WHERE agency = ? AND plan_id = ? AND report_year = ? AND offset_days = ?)""")) {
            ps.setString(1, r.agency());
            ps.setString(2, r.planId());
            ps.setInt(3, r.year());
            ps.setInt(4, r.offsetDays());
            ps.setString(5, r.channel().name());
            ps.setString(6, r.recipient());
            ps.setString(7, String.join(",", r.missingItems()));
            ps.setObject(8, when);
            ps.setString(9, Sql.limit(r.subject(), 1024));
            ps.setString(10, r.text());
            if (delivered) {
                ps.setObject(11, when);
            } else {
                ps.setNull(11, java.sql.Types.TIMESTAMP_WITH_TIMEZONE); // typed: PostgreSQL reads an untyped NULL as text
            }
            ps.setObject(12, when);
            ps.setString(13, r.agency());
            ps.setString(14, r.planId());
            ps.setInt(15, r.year());
            ps.setInt(16, r.offsetDays());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false; // a concurrent claim won
            }
            throw new IllegalStateException("cannot record reminder", e);
        }
    }

    /** An e-mail reminder claimed and not yet accepted by the SMTP server. */
    public record ReminderMail(String agency, String planId, int year, int offsetDays, String recipient,
                               String subject, String body, int attempts) {
        /** The reminder's identity, as {@link Reminder#key()}. */
        public String key() {
            return "reminder:" + planId + ":" + year + ":" + agency + ":" + offsetDays;
        }
    }

    /** E-mail reminders due for (another) attempt, the oldest claim first. */
    public List<ReminderMail> undeliveredReminders(Instant now) {
        return Sql.query(dataSource, """
                SELECT agency, plan_id, report_year, offset_days, recipient, subject, body, attempts FROM cycle_reminder
                 WHERE channel = 'EMAIL' AND delivered_at IS NULL AND next_attempt_at <= ?
                 ORDER BY sent_at, agency, plan_id, report_year, offset_days""",
                ps -> ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)),
                rs -> new ReminderMail(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8)));
    }

    public void reminderDelivered(ReminderMail r, String messageId, Instant at) {
        Sql.update(dataSource, """
                UPDATE cycle_reminder SET delivered_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL
                 WHERE agency = ? AND plan_id = ? AND report_year = ? AND offset_days = ? AND delivered_at IS NULL""",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), messageId, r.agency(), r.planId(), r.year(), r.offsetDays());
    }

    public void reminderFailed(ReminderMail r, String messageId, String error, Instant nextAttempt) {
        Sql.update(dataSource, """
                UPDATE cycle_reminder SET message_id = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                 WHERE agency = ? AND plan_id = ? AND report_year = ? AND offset_days = ? AND delivered_at IS NULL""",
                messageId, Sql.limit(error, 1024), OffsetDateTime.ofInstant(nextAttempt, ZoneOffset.UTC),
                r.agency(), r.planId(), r.year(), r.offsetDays());
    }

    public boolean reminderRecorded(Reminder r) {
        return !Sql.query(dataSource,
                "SELECT 1 FROM cycle_reminder WHERE agency = ? AND plan_id = ? AND report_year = ? AND offset_days = ?",
                ps -> {
                    ps.setString(1, r.agency());
                    ps.setString(2, r.planId());
                    ps.setInt(3, r.year());
                    ps.setInt(4, r.offsetDays());
                }, rs -> 1).isEmpty();
    }

    /** Gives a claim back when the transport refused the reminder, so the next check retries it. */
    public void releaseReminder(Reminder r) {
        Sql.update(dataSource,
                "DELETE FROM cycle_reminder WHERE agency = ? AND plan_id = ? AND report_year = ? AND offset_days = ?",
                r.agency(), r.planId(), r.year(), r.offsetDays());
    }

    public int remindersSent(String planId, int year) {
        return Sql.query(dataSource,
                "SELECT COUNT(*) FROM cycle_reminder WHERE plan_id = ? AND report_year = ?", ps -> {
            ps.setString(1, planId);
            ps.setInt(2, year);
        }, rs -> rs.getInt(1)).get(0);
    }

    public record ConsolidationRow(String id, String planId, int year, String status, Instant createdAt,
                                   String createdBy, String inputsSha256, String reportJson,
                                   Integer approvedVersion, Instant approvedAt, String approvedBy,
                                   String manifestJson, String manifestSha256) {
    }

    private static final String CONSOLIDATION_COLUMNS = """
            consolidation_id, plan_id, report_year, status, created_at, created_by, inputs_sha256, report_json,
            approved_version, approved_at, approved_by, manifest_json, manifest_sha256""";

    private static ConsolidationRow consolidation(ResultSet rs) throws SQLException {
        int version = rs.getInt(9);
        Integer approvedVersion = rs.wasNull() ? null : version;
        return new ConsolidationRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                Sql.instant(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8),
                approvedVersion, Sql.instant(rs, 10), rs.getString(11), rs.getString(12), rs.getString(13));
    }

    /** Stores a new draft; older drafts of the same plan and year are stale from now on. */
    public void insertDraft(ConsolidationRow row) {
        Sql.update(dataSource,
                "UPDATE consolidation SET status = 'SUPERSEDED' WHERE status = 'DRAFT' AND plan_id = ? AND report_year = ?",
                row.planId(), row.year());
        Sql.update(dataSource, "INSERT INTO consolidation (consolidation_id, plan_id, report_year, status, created_at,"
                        + " created_by, inputs_sha256, report_json) VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?)",
                row.id(), row.planId(), row.year(), OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC),
                row.createdBy(), row.inputsSha256(), row.reportJson());
    }

    public Optional<ConsolidationRow> consolidation(String id) {
        return Sql.query(dataSource,
                "SELECT " + CONSOLIDATION_COLUMNS + " FROM consolidation WHERE consolidation_id = ?",
                ps -> ps.setString(1, id), CycleStore::consolidation).stream().findFirst();
    }

    /** Newest first. */
    public List<ConsolidationRow> consolidations(String planId, int year) {
        return Sql.query(dataSource,
                "SELECT " + CONSOLIDATION_COLUMNS + " FROM consolidation WHERE plan_id = ? AND report_year = ?"
                + " ORDER BY created_at DESC, consolidation_id", ps -> {
            ps.setString(1, planId);
            ps.setInt(2, year);
        }, CycleStore::consolidation);
    }

    /**
     * Marks a draft approved as the given version and supersedes the other drafts of its plan and year.
     * False when the draft is no longer a draft or the version was taken meanwhile.
     */
    public boolean approve(String id, int version, Instant at, String by, String manifestJson, String manifestSha256,
                           List<ApprovedPackage.Part> parts) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ConsolidationRow row;
                try (PreparedStatement ps = c.prepareStatement("UPDATE consolidation SET status = 'APPROVED',"
                        + " approved_version = ?, approved_at = ?, approved_by = ?, manifest_json = ?,"
                        + " manifest_sha256 = ? WHERE consolidation_id = ? AND status = 'DRAFT'")) {
                    ps.setInt(1, version);
                    ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    ps.setString(3, by);
                    ps.setString(4, manifestJson);
                    ps.setString(5, manifestSha256);
                    ps.setString(6, id);
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE consolidation SET status = 'SUPERSEDED'"
                        + " WHERE status = 'DRAFT' AND plan_id = (SELECT plan_id FROM consolidation WHERE"
                        + " consolidation_id = ?) AND report_year = (SELECT report_year FROM consolidation WHERE"
                        + " consolidation_id = ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
                // The package leaves through the outbox table, committed with the approval: all parts or none.
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO government_outbox (consolidation_id,"
                        + " part_kind, part_order, file_name, media_type, sha256, body_base64, created_at, attempts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                    for (int i = 0; i < parts.size(); i++) {
                        ApprovedPackage.Part part = parts.get(i);
                        ps.setString(1, id);
                        ps.setString(2, part.kind());
                        ps.setInt(3, i);
                        ps.setString(4, part.fileName());
                        ps.setString(5, part.mediaType());
                        ps.setString(6, part.sha256());
                        ps.setString(7, Base64.getEncoder().encodeToString(part.body()));
                        ps.setObject(8, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                Sql.durableCommit(c);
                return true;
            } catch (SQLException e) {
                c.rollback();
                if (Sql.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot approve consolidation " + id, e);
        }
    }

    /** A part of an approved package in the Government outbox, with its delivery state. */
    public record OutboxPart(String consolidationId, String planId, int year, int version, String manifestSha256,
                             ApprovedPackage.Part part, Instant sentAt, int attempts, String lastError) {
    }

    private static final String OUTBOX_COLUMNS = """
            o.consolidation_id, c.plan_id, c.report_year, c.approved_version, c.manifest_sha256, o.part_kind,
            o.file_name, o.media_type, o.sha256, o.body_base64, o.sent_at, o.attempts, o.last_error""";

    private static OutboxPart outboxPart(ResultSet rs) throws SQLException {
        ApprovedPackage.Part part = new ApprovedPackage.Part(rs.getString(6), rs.getString(7), rs.getString(8),
                Base64.getDecoder().decode(rs.getString(10)), rs.getString(9));
        return new OutboxPart(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), part,
                Sql.instant(rs, 11), rs.getInt(12), rs.getString(13));
    }

    /** Parts not yet handed to the broker, oldest package first, each package in its own order. */
    public List<OutboxPart> unsentParts() {
        return Sql.query(dataSource, "SELECT " + OUTBOX_COLUMNS + " FROM government_outbox o JOIN consolidation c"
                + " ON c.consolidation_id = o.consolidation_id WHERE o.sent_at IS NULL"
                + " ORDER BY o.created_at, o.consolidation_id, o.part_order", ps -> { }, CycleStore::outboxPart);
    }

    /** Every part of one package with its delivery state. */
    public List<OutboxPart> outboxParts(String consolidationId) {
        return Sql.query(dataSource, "SELECT " + OUTBOX_COLUMNS + " FROM government_outbox o JOIN consolidation c"
                + " ON c.consolidation_id = o.consolidation_id WHERE o.consolidation_id = ? ORDER BY o.part_order",
                ps -> ps.setString(1, consolidationId), CycleStore::outboxPart);
    }

    public void outboxSent(OutboxPart part, Instant at) {
        Sql.update(dataSource, "UPDATE government_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
                        + " WHERE consolidation_id = ? AND part_kind = ?",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), part.consolidationId(), part.part().kind());
    }

    public void outboxFailed(OutboxPart part, String error) {
        Sql.update(dataSource, "UPDATE government_outbox SET attempts = attempts + 1, last_error = ?"
                        + " WHERE consolidation_id = ? AND part_kind = ?",
                error == null ? null : error.substring(0, Math.min(error.length(), 1024)),
                part.consolidationId(), part.part().kind());
    }

    /**
     * The documents received for a plan and year in one minute with one status (accepted, rejected, duplicate, ...):
     * {@code count} of them from {@code minute} on.
     */
    public record Received(String status, Instant minute, int count) {
    }

    /**
     * The documents received for a plan and year, counted by status and minute, oldest first: what the campaign's
     * daily chart counts. By the minute (every zone's offset is a whole number of minutes), so that a flood of
     * documents does not make as many rows.
     */
    public List<Received> received(String planId, int year) {
        return Sql.query(dataSource, """
                SELECT status, DATE_TRUNC('MINUTE', received_at) AS received_minute, COUNT(*) FROM submission
                 WHERE plan_id = ? AND report_year = ? GROUP BY status, DATE_TRUNC('MINUTE', received_at)
                 ORDER BY received_minute""", ps -> {
            ps.setString(1, planId);
            ps.setInt(2, year);
        }, rs -> new Received(rs.getString(1), Sql.instant(rs, 2), rs.getInt(3)));
    }
}
