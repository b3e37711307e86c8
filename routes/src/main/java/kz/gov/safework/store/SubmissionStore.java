package kz.gov.safework.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import kz.gov.safework.contract.report.FeedMessage;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;
import kz.gov.safework.validation.AcceptedReports;

/**
 * The repository of the {@code submission} table and the tables written with it ({@code accepted_document},
 * {@code accepted_report}, {@code item_entry}): every query of them is here. Stores judgements, one transaction each, with the unique keys that make redelivery and resending
 * harmless: a submission id is stored once; an agency's identical document is a DUPLICATE of the
 * first accepted one; a report id is accepted once. A correction marks the report it replaces as
 * superseded; nothing is deleted.
 */
public final class SubmissionStore implements AcceptedReports {
    private static final ObjectMapper JSON = Json.mapper();

    private final DataSource dataSource;
    private final Clock clock;

    public SubmissionStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Outcome record(Envelope envelope, Verdict verdict) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Outcome> earlier = find(c, envelope.submissionId());
                if (earlier.isPresent()) {
                    c.commit();
                    return earlier.get();
                }
                Outcome outcome = judgeAndInsert(c, envelope, verdict);
                Sql.durableCommit(c); // the receipt and feed message go out after this
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Outages.of("Cannot store submission " + envelope.submissionId(), e);
        }
    }

    /**
     * The receipt {@link #record} would answer for this judgement now, and nothing stored: the same decision
     * (DUPLICATE of an agency's identical accepted document, REPORT_ID_REUSED, lateness) read from the same tables,
     * without writing a row. For {@code POST /api/validate}.
     */
    public Outcome preview(Envelope envelope, Verdict verdict) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return decide(c, envelope, verdict).outcome();
        } catch (SQLException e) {
            throw Outages.of("Cannot read the store for a check of " + envelope.submissionId(), e);
        }
    }

    /** What the store decided about a judgement: the receipt and feed message, and the rows an acceptance adds. */
    private record Decision(Outcome outcome, ProgressReport report, String supersedes) {
        boolean accepted() {
            return outcome.receipt().status() == ReceiptStatus.ACCEPTED;
        }
    }

    private Decision decide(Connection c, Envelope envelope, Verdict verdict) throws SQLException {
        ProgressReport report = verdict.report();
        List<ValidationError> errors = new ArrayList<>(verdict.errors());
        ReceiptStatus status = ReceiptStatus.REJECTED;
        String duplicateOf = null;
        boolean late = false;
        String supersedes = null;
        if (verdict.acceptable()) {
            // The report id first, then the bytes. The other order let a copy judged while its original committed see
            // no document yet and then the original's report id, and refuse an exact copy as REPORT_ID_REUSED
            // (MixedLoadKillIT found it). The original's two rows commit together, so once its report id is seen,
            // its document is seen too.
            boolean reportIdTaken = queryString(c, "SELECT submission_id FROM accepted_report WHERE report_id = ?",
                    report.reportId()) != null;
            duplicateOf = queryString(c, "SELECT submission_id FROM accepted_document WHERE agency = ? AND sha256 = ?",
                    report.agency(), envelope.sha256());
            if (duplicateOf != null) {
                status = ReceiptStatus.DUPLICATE;
                // A duplicate repeats the original's judgement, lateness included: sending again does not make it on time.
                late = Boolean.parseBoolean(queryString(c,
                        "SELECT CASE WHEN late THEN 'true' ELSE 'false' END FROM submission WHERE submission_id = ?",
                        duplicateOf));
            } else if (reportIdTaken) {
                errors.add(ValidationError.of(ErrorCode.REPORT_ID_REUSED, "/reportId", report.reportId()));
            } else {
                status = ReceiptStatus.ACCEPTED;
                late = verdict.late();
                if (report.correctionOf() != null) {
                    supersedes = queryString(c, "SELECT submission_id FROM accepted_report WHERE report_id = ?",
                            report.correctionOf());
                }
            }
        }
        Instant now = Instant.now(clock);
        var read = verdict.read();
        String agency = verdict.signer() != null ? verdict.signer().agency()
                : envelope.agency() != null ? envelope.agency() : read == null ? null : read.agency();
        Integer year = read == null ? null : read.year();
        boolean accepted = status == ReceiptStatus.ACCEPTED;
        Receipt receipt = new Receipt(envelope.submissionId(), read == null ? null : read.reportId(), agency,
                year == null ? null : year.toString(), status, late,
                accepted ? List.of() : errors, verdict.warnings(), envelope.receivedAt(), envelope.sha256(),
                envelope.channel().id(), envelope.fileName(), duplicateOf, now, verdict.signer());
        String feedJson = accepted ? json(new FeedMessage(FeedMessage.SCHEMA_ID, envelope.submissionId(),
                envelope.channel().id(), envelope.receivedAt(), now, verdict.late(), envelope.sha256(), supersedes,
                report)) : null;
        return new Decision(new Outcome(receipt, json(receipt), feedJson, false), report, supersedes);
    }

    private Outcome judgeAndInsert(Connection c, Envelope envelope, Verdict verdict) throws SQLException {
        Decision decision = decide(c, envelope, verdict);
        ProgressReport report = decision.report();
        if (decision.accepted()) {
            update(c, "INSERT INTO accepted_document (agency, sha256, submission_id) VALUES (?, ?, ?)",
                    report.agency(), envelope.sha256(), envelope.submissionId());
            update(c, "INSERT INTO accepted_report (report_id, submission_id) VALUES (?, ?)",
                    report.reportId(), envelope.submissionId());
            if (decision.supersedes() != null) {
                update(c, "UPDATE submission SET superseded_by = ? WHERE submission_id = ?",
                        envelope.submissionId(), decision.supersedes());
            }
            insertItems(c, envelope.submissionId(), report);
        }
        Receipt receipt = decision.outcome().receipt();
        String receiptJson = decision.outcome().receiptJson();
        String feedJson = decision.outcome().feedJson();
        Integer year = verdict.read() == null ? null : verdict.read().year();
        String agency = receipt.agency();
        ReceiptStatus status = receipt.status();
        String duplicateOf = receipt.duplicateOf();
        Instant now = receipt.processedAt();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO submission (submission_id, channel, agency, report_id, plan_id, report_year, status, late,
                    correction_of, duplicate_of, sha256, received_at, processed_at, receipt_json, feed_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, envelope.submissionId());
            ps.setString(2, envelope.channel().id());
            ps.setString(3, agency);
            ps.setString(4, Sql.limit(receipt.reportId(), 64));
            ps.setString(5, report == null ? null : report.plan());
            ps.setObject(6, year);
            ps.setString(7, status.name());
            ps.setBoolean(8, receipt.late());
            ps.setString(9, report == null ? null : report.correctionOf());
            ps.setString(10, duplicateOf);
            ps.setString(11, envelope.sha256());
            ps.setTimestamp(12, Timestamp.from(envelope.receivedAt()));
            ps.setTimestamp(13, Timestamp.from(now));
            ps.setString(14, receiptJson);
            ps.setString(15, feedJson);
            ps.executeUpdate();
        }
        return new Outcome(receipt, receiptJson, feedJson, false);
    }

    private void insertItems(Connection c, String submissionId, ProgressReport report) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO item_entry (submission_id, item_number, agency, plan_id, report_year, status,
                    narrative_ru, narrative_kk, completion_type, completion_number, completion_date, completion_title,
                    expenses_planned, expenses_actual, expenses_source, entry_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (ItemEntry item : report.items()) {
                var doc = item.completionDocument();
                var exp = item.expenses();
                ps.setString(1, submissionId);
                ps.setString(2, item.item());
                ps.setString(3, report.agency());
                ps.setString(4, report.plan());
                ps.setInt(5, report.year());
                ps.setString(6, item.status().name());
                ps.setString(7, item.narrativeRu());
                ps.setString(8, item.narrativeKk());
                ps.setString(9, doc == null ? null : doc.type());
                ps.setString(10, doc == null ? null : doc.number());
                ps.setDate(11, doc == null || doc.date() == null ? null : Date.valueOf(doc.date()));
                ps.setString(12, doc == null ? null : doc.title());
                ps.setBigDecimal(13, exp == null ? null : exp.planned());
                ps.setBigDecimal(14, exp == null ? null : exp.actual());
                ps.setString(15, exp == null ? null : exp.source());
                ps.setString(16, json(item));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The receipt of a stored submission, as JSON, and the agency that owns it. */
    public record StoredReceipt(String submissionId, String agency, String receiptJson) {
    }

    /** The answers a submission got, as stored: its receipt and (accepted only) its feed message. */
    public record StoredAnswers(String submissionId, String channel, String agency, String status, Instant receivedAt,
                                String receiptJson, String feedJson) {
    }

    public Optional<StoredAnswers> answers(String submissionId) {
        return Sql.query(dataSource, "SELECT channel, agency, status, received_at, receipt_json, feed_json"
                        + " FROM submission WHERE submission_id = ?", ps -> ps.setString(1, submissionId),
                rs -> new StoredAnswers(submissionId, rs.getString(1), rs.getString(2), rs.getString(3),
                        Sql.instant(rs, 4), rs.getString(5), rs.getString(6))).stream().findFirst();
    }

    public Optional<StoredReceipt> receipt(String submissionId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT agency, receipt_json FROM submission WHERE submission_id = ?")) {
            ps.setString(1, submissionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredReceipt(submissionId, rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Outages.of("Cannot read submission " + submissionId, e);
        }
    }

    @Override
    public boolean isAccepted(String reportId, String agency, int year) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT 1 FROM submission
                     WHERE report_id = ? AND agency = ? AND report_year = ? AND status = 'ACCEPTED'""")) {
            ps.setString(1, reportId);
            ps.setString(2, agency);
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Outages.of("Cannot look up report " + reportId, e);
        }
    }

    /** The latest judged documents, newest first, for the console. */
    public List<SubmissionView> recent(int limit) {
        return Sql.query(dataSource, """
                SELECT submission_id, channel, agency, report_id, plan_id, report_year, status, late, received_at,
                       processed_at, receipt_json
                  FROM submission ORDER BY processed_at DESC, submission_id FETCH FIRST ? ROWS ONLY""",
                ps -> ps.setInt(1, limit), rs -> {
                    int year = rs.getInt("report_year");
                    Integer reportYear = rs.wasNull() ? null : year;
                    return new SubmissionView(rs.getString("submission_id"), rs.getString("channel"),
                            rs.getString("agency"), rs.getString("report_id"), rs.getString("plan_id"), reportYear,
                            rs.getString("status"), rs.getBoolean("late"), Sql.instant(rs, 9),
                            Sql.instant(rs, 10), receiptTree(rs.getString("receipt_json")));
                });
    }

    /** A judged document found by a search: where it came from, its file name and hash, and its verdict. */
    public record Found(String submissionId, String channel, String agency, String reportId, String planId,
                        Integer year, String status, boolean late, String correctionOf, String supersededBy,
                        String sha256, String fileName, Instant receivedAt, Instant processedAt) {
    }

    /** One page of a search, newest first, with how many match in all. */
    public record FoundPage(long total, int page, int size, List<Found> submissions) {
    }

    /**
     * Judged documents matching the query ({@link SubmissionQuery}), newest received first. The SQL is fixed text
     * and one fixed condition per parameter given; every value is bound.
     */
    public FoundPage search(SubmissionQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        condition(where, values, " AND s.agency = ?", query.agency());
        condition(where, values, " AND s.report_year = ?", query.year());
        condition(where, values, " AND s.status = ?", query.status());
        condition(where, values, " AND s.channel = ?", query.channel());
        condition(where, values, " AND s.received_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        condition(where, values, " AND s.received_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        if (query.q() != null) {
            String lower = query.q().toLowerCase(Locale.ROOT);
            String like = "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (s.submission_id = ? OR s.report_id = ? OR s.sha256 = ?"
                    + " OR LOWER(m.file_name) LIKE ? ESCAPE '\\')");
            values.add(query.q());
            values.add(query.q());
            values.add(lower);
            values.add(like);
        }
        String from = " FROM submission s LEFT JOIN message_log m ON m.submission_id = s.submission_id" + where;
        Sql.Binder bind = ps -> {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
        };
        long total = Sql.query(dataSource, "SELECT COUNT(*)" + from, bind, rs -> rs.getLong(1)).get(0);
        List<Found> found = Sql.query(dataSource, "SELECT s.submission_id, s.channel, s.agency, s.report_id,"
                + " s.plan_id, s.report_year, s.status, s.late, s.correction_of, s.superseded_by, s.sha256,"
                + " m.file_name, s.received_at, s.processed_at" + from
                + " ORDER BY s.received_at DESC, s.submission_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ps -> {
                    bind.bind(ps);
                    ps.setLong(values.size() + 1, (long) query.page() * query.size());
                    ps.setInt(values.size() + 2, query.size());
                }, rs -> {
                    int year = rs.getInt(6);
                    Integer reportYear = rs.wasNull() ? null : year;
                    return new Found(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), reportYear, rs.getString(7), rs.getBoolean(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), Sql.instant(rs, 13),
                            Sql.instant(rs, 14));
                });
        return new FoundPage(total, query.page(), query.size(), found);
    }

    private static void condition(StringBuilder where, List<Object> values, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            values.add(value);
        }
    }

    /** The columns of a {@link StoredSubmission}, of the {@code submission} table as {@code s}. */
    private static final String SUBMISSION_COLUMNS = "s.submission_id, s.agency, s.report_id, s.status, s.late,"
            + " s.correction_of, s.superseded_by, s.sha256, s.received_at";

    /** A {@link StoredSubmission} from the {@link #SUBMISSION_COLUMNS} starting at column {@code from}. */
    private static StoredSubmission submission(ResultSet rs, int from) throws SQLException {
        return new StoredSubmission(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                rs.getString(from + 3), rs.getBoolean(from + 4), rs.getString(from + 5), rs.getString(from + 6),
                rs.getString(from + 7), Sql.instant(rs, from + 8));
    }

    /**
     * An agency and item's accepted versions in a plan and year: how many there are, when the first came in, the
     * latest {@code keep} of them, oldest first, and the entry of the latest, with its texts.
     */
    public record CellVersions(String agency, String item, int count, Instant firstReceivedAt,
                               List<StoredSubmission> latest, StoredEntry current) {
    }

    /** The columns of a {@link StoredEntry}, of the {@code item_entry} table as {@code c}. */
    private static final String ENTRY_COLUMNS = "c.submission_id, c.item_number, c.agency, c.status, c.narrative_ru,"
            + " c.narrative_kk, c.completion_type, c.completion_number, c.completion_date, c.completion_title,"
            + " c.expenses_planned, c.expenses_actual, c.expenses_source";

    /**
     * The accepted versions of every agency and item of a plan and year ({@link CellVersions}), at most {@code keep}
     * of each read: what the matrix, the console, the gauges and consolidation need, however many versions an agency
     * sent. Reading every version ran the hub out of memory at -Xmx256m after 100,000 versions of one agency's report
     * (bench/results/2026-12-03-backlog.md, runs 10 and 11). The versions are ranked by their keys alone (H2 holds a
     * window's rows in memory); the submissions' columns are joined to the ones kept, and the entry's texts to the
     * latest.
     */
    public List<CellVersions> cellVersions(String planId, int year, int keep) {
        List<Ranked> rows = Sql.query(dataSource, """
                SELECT r.agency, r.item_number, r.versions, r.first_received, %s, %s
                  FROM (SELECT e.agency, e.item_number, e.submission_id,
                               ROW_NUMBER() OVER (PARTITION BY e.agency, e.item_number
                                                  ORDER BY s.received_at DESC, s.submission_id DESC) AS version,
                               COUNT(*) OVER (PARTITION BY e.agency, e.item_number) AS versions,
                               MIN(s.received_at) OVER (PARTITION BY e.agency, e.item_number) AS first_received
                          FROM item_entry e JOIN submission s ON s.submission_id = e.submission_id
                         WHERE e.plan_id = ? AND e.report_year = ? AND s.status = 'ACCEPTED') r
                  JOIN submission s ON s.submission_id = r.submission_id
                  LEFT JOIN item_entry c
                    ON r.version = 1 AND c.submission_id = r.submission_id AND c.item_number = r.item_number
                 WHERE r.version <= ?
                 ORDER BY r.agency, r.item_number, r.version DESC""".formatted(SUBMISSION_COLUMNS, ENTRY_COLUMNS),
                ps -> {
                    ps.setString(1, planId);
                    ps.setInt(2, year);
                    ps.setInt(3, keep);
                }, rs -> new Ranked(rs.getString(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, 4),
                        submission(rs, 5), rs.getString(14) == null ? null : entry(rs, 14)));
        Map<String, List<Ranked>> byCell = new LinkedHashMap<>();
        rows.forEach(r -> byCell.computeIfAbsent(r.agency() + "|" + r.item(), k -> new ArrayList<>()).add(r));
        return byCell.values().stream().map(versions -> {
            Ranked latest = versions.get(versions.size() - 1);
            return new CellVersions(latest.agency(), latest.item(), latest.count(), latest.first(),
                    versions.stream().map(Ranked::submission).toList(), latest.entry());
        }).toList();
    }

    /** A row of {@link #cellVersions}: a kept version, with its cell's count and first arrival (and entry, the latest). */
    private record Ranked(String agency, String item, int count, Instant first, StoredSubmission submission,
                          StoredEntry entry) {
    }

    /** An agency's rejected documents of a plan and year: how many, and the latest {@code keep} of them, oldest first. */
    public record Attempts(String agency, int count, List<StoredSubmission> latest) {
    }

    /** The rejected documents of every agency of a plan and year ({@link Attempts}), at most {@code keep} of each read. */
    public Map<String, Attempts> rejected(String planId, int year, int keep) {
        List<Map.Entry<Integer, StoredSubmission>> rows = Sql.query(dataSource, """
                SELECT r.attempts, %s
                  FROM (SELECT submission_id,
                               ROW_NUMBER() OVER (PARTITION BY agency ORDER BY received_at DESC, submission_id DESC)
                                   AS attempt,
                               COUNT(*) OVER (PARTITION BY agency) AS attempts
                          FROM submission WHERE plan_id = ? AND report_year = ? AND status = 'REJECTED') r
                  JOIN submission s ON s.submission_id = r.submission_id
                 WHERE r.attempt <= ?
                 ORDER BY s.received_at, s.submission_id""".formatted(SUBMISSION_COLUMNS), ps -> {
            ps.setString(1, planId);
            ps.setInt(2, year);
            ps.setInt(3, keep);
        }, rs -> Map.entry(rs.getInt(1), submission(rs, 2)));
        Map<String, List<StoredSubmission>> latest = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<Integer, StoredSubmission> row : rows) {
            latest.computeIfAbsent(row.getValue().agency(), a -> new ArrayList<>()).add(row.getValue());
            counts.put(row.getValue().agency(), row.getKey());
        }
        Map<String, Attempts> attempts = new HashMap<>();
        latest.forEach((agency, list) -> attempts.put(agency, new Attempts(agency, counts.get(agency), List.copyOf(list))));
        return attempts;
    }

    /**
     * An agency's judged documents of a plan and year (accepted and rejected, duplicates left out): how many, the
     * latest {@code keep} of them, oldest first, and the keys and item statuses of their entries.
     */
    public record History(int total, List<StoredSubmission> latest, List<StoredEntry> entries) {
    }

    public History history(String planId, int year, String agency, int keep) {
        String judged = " FROM submission s WHERE s.plan_id = ? AND s.report_year = ? AND s.agency = ?"
                + " AND s.status IN ('ACCEPTED', 'REJECTED')";
        Sql.Binder bind = ps -> {
            ps.setString(1, planId);
            ps.setInt(2, year);
            ps.setString(3, agency);
        };
        int total = Sql.query(dataSource, "SELECT COUNT(*)" + judged, bind, rs -> rs.getInt(1)).get(0);
        String latest = "SELECT " + SUBMISSION_COLUMNS + judged
                + " ORDER BY s.received_at DESC, s.submission_id DESC FETCH FIRST ? ROWS ONLY";
        Sql.Binder bindLatest = ps -> {
            bind.bind(ps);
            ps.setInt(4, keep);
        };
        List<StoredSubmission> submissions = new ArrayList<>(Sql.query(dataSource, latest, bindLatest,
                rs -> submission(rs, 1)));
        Collections.reverse(submissions);
        List<StoredEntry> entries = Sql.query(dataSource, """
                SELECT e.submission_id, e.item_number, e.agency, e.status
                  FROM item_entry e JOIN (%s) l ON l.submission_id = e.submission_id""".formatted(latest), bindLatest,
                rs -> new StoredEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        ItemStatus.valueOf(rs.getString(4)), null, null, null, null, null, null, null, null, null));
        return new History(total, List.copyOf(submissions), entries);
    }

    /** A {@link StoredEntry} from the {@link #ENTRY_COLUMNS} starting at column {@code from}. */
    private static StoredEntry entry(ResultSet rs, int from) throws SQLException {
        return new StoredEntry(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                ItemStatus.valueOf(rs.getString(from + 3)), rs.getString(from + 4), rs.getString(from + 5),
                rs.getString(from + 6), rs.getString(from + 7), rs.getObject(from + 8, LocalDate.class),
                rs.getString(from + 9), rs.getBigDecimal(from + 10), rs.getBigDecimal(from + 11),
                rs.getString(from + 12));
    }

    /** A stored receipt as a JSON tree; as text if it ever is not JSON. */
    private static JsonNode receiptTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(json);
        }
    }

    private Optional<Outcome> find(Connection c, String submissionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT receipt_json, feed_json FROM submission WHERE submission_id = ?")) {
            ps.setString(1, submissionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String receiptJson = rs.getString(1);
                return Optional.of(new Outcome(parse(receiptJson), receiptJson, rs.getString(2), true));
            }
        }
    }

    private static String queryString(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private static Receipt parse(String json) {
        try {
            return JSON.readValue(json, Receipt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored receipt is not readable", e);
        }
    }
}
