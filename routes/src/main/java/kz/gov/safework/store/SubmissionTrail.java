package kz.gov.safework.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.Queues;

/**
 * Every step of one submission with its time ({@code GET /api/submissions/{id}/trail}), read only from what the hub
 * records: received and logged from {@code message_log}, judged and stored from {@code submission} (one transaction,
 * so one time), the answers handed to the broker and each operator's resend or republish from
 * {@code submission_step}, the mail reply from {@code mail_outbox}, later corrections from {@code submission}, and
 * every view of the original from {@code operator_action}. A step the hub did not record is absent, never guessed.
 */
public final class SubmissionTrail {
    /** One step: its name, when it happened, and what the hub knows about it (string values only). */
    public record TrailStep(String step, Instant at, Map<String, String> details) {
    }

    /** The trail of one submission, oldest step first. */
    public record Trail(String submissionId, List<TrailStep> steps) {
    }

    private final DataSource dataSource;
    private final SubmissionSteps steps;

    public SubmissionTrail(DataSource dataSource, SubmissionSteps steps) {
        this.dataSource = dataSource;
        this.steps = steps;
    }

    public Trail of(String submissionId) {
        List<TrailStep> trail = new ArrayList<>();
        String channel = null;
        String transportId = null;
        for (TrailStep step : Sql.query(dataSource, """
                SELECT channel, login, transport_id, file_name, content_type, received_at, logged_at, size_bytes, sha256,
                       trace_id
                FROM message_log WHERE submission_id = ?""", ps -> ps.setString(1, submissionId), rs -> {
                    Map<String, String> received = details("channel", rs.getString(1), "login", rs.getString(2),
                            "transportId", rs.getString(3), "fileName", rs.getString(4),
                            "contentType", rs.getString(5));
                    return List.of(new TrailStep("RECEIVED", Sql.instant(rs, 6), received),
                            new TrailStep("LOGGED", Sql.instant(rs, 7), details("sha256", rs.getString(9),
                                    "sizeBytes", Long.toString(rs.getLong(8)), "traceId", rs.getString(10))));
                }).stream().flatMap(List::stream).toList()) {
            trail.add(step);
            if (step.step().equals("RECEIVED")) {
                channel = step.details().get("channel");
                transportId = step.details().get("transportId");
            }
        }
        record Judged(String channel, String agency, String reportId, String status, boolean late, String supersededBy,
                      String duplicateOf, Instant receivedAt, Instant processedAt) {
        }
        Optional<Judged> judged = Sql.query(dataSource, """
                SELECT channel, agency, report_id, status, late, superseded_by, duplicate_of, received_at, processed_at
                FROM submission WHERE submission_id = ?""", ps -> ps.setString(1, submissionId),
                rs -> new Judged(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getString(6), rs.getString(7), Sql.instant(rs, 8), Sql.instant(rs, 9))).stream().findFirst();
        String agency = null;
        if (judged.isPresent()) {
            Judged j = judged.get();
            agency = j.agency();
            if (channel == null) { // the message log's row is gone (retention): the submission still says how it came
                channel = j.channel();
                trail.add(new TrailStep("RECEIVED", j.receivedAt(), details("channel", j.channel())));
            }
            trail.add(new TrailStep("JUDGED", j.processedAt(), details("status", j.status(),
                    "late", Boolean.toString(j.late()), "reportId", j.reportId(), "duplicateOf", j.duplicateOf())));
            trail.add(new TrailStep("STORED", j.processedAt(), details("status", j.status())));
            if (j.reportId() != null) {
                String supersededBy = j.supersededBy();
                String reportAgency = j.agency();
                trail.addAll(Sql.query(dataSource, """
                        SELECT submission_id, status, processed_at FROM submission
                        WHERE correction_of = ? AND agency = ? AND submission_id <> ? ORDER BY processed_at""", ps -> {
                            ps.setString(1, j.reportId());
                            ps.setString(2, reportAgency);
                            ps.setString(3, submissionId);
                        }, rs -> new TrailStep("CORRECTED_BY", Sql.instant(rs, 3), details(
                                "submissionId", rs.getString(1), "status", rs.getString(2),
                                "supersedes", Boolean.toString(rs.getString(1).equals(supersededBy))))));
            }
        }
        for (SubmissionSteps.Step step : steps.of(submissionId)) {
            trail.add(new TrailStep(step.kind().name(), step.doneAt(), details("destination", step.destination(),
                    "addressedTo", step.kind() == SubmissionSteps.Kind.RECEIPT_SENT
                            || step.kind() == SubmissionSteps.Kind.RECEIPT_RESENT
                            ? addressedTo(channel, agency, step.replyTo()) : null,
                    "requestId", step.requestId(), "by", step.doneBy())));
        }
        if (Channel.MAIL.id().equals(channel) && transportId != null && transportId.lastIndexOf('#') > 0) {
            // A mail document's transport id is the mail's key, '#', its index; the reply answers the whole mail.
            String mailKey = transportId.substring(0, transportId.lastIndexOf('#'));
            trail.addAll(Sql.query(dataSource, """
                    SELECT recipient, sent_at, attempts FROM mail_outbox WHERE outbox_key = ? AND sent_at IS NOT NULL""",
                    ps -> ps.setString(1, mailKey), rs -> new TrailStep("MAIL_REPLY_SENT", Sql.instant(rs, 2),
                            details("recipient", rs.getString(1), "attempts", Integer.toString(rs.getInt(3))))));
            // A reply the SMTP server refused for good is not tried again: the operator sees the server's answer.
            trail.addAll(Sql.query(dataSource, """
                    SELECT recipient, undeliverable_at, attempts, last_error FROM mail_outbox
                     WHERE outbox_key = ? AND undeliverable_at IS NOT NULL""",
                    ps -> ps.setString(1, mailKey), rs -> new TrailStep("MAIL_REPLY_UNDELIVERABLE", Sql.instant(rs, 2),
                            details("recipient", rs.getString(1), "attempts", Integer.toString(rs.getInt(3)),
                                    "answer", rs.getString(4)))));
        }
        trail.addAll(Sql.query(dataSource, """
                SELECT acted_at, operator_login FROM operator_action WHERE target = ? AND action = 'VIEW_DOCUMENT'
                ORDER BY acted_at, action_id""", ps -> ps.setString(1, submissionId),
                rs -> new TrailStep("DOCUMENT_VIEWED", Sql.instant(rs, 1), details("by", rs.getString(2)))));
        trail.sort(Comparator.comparing(TrailStep::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Trail(submissionId, trail);
    }

    /**
     * Where the channel's adapter delivers a receipt, by the rule it applies: for JMS the sender's reply-to when it is
     * a queue of the agency, else {@code receipts.<CODE>}; SFTP the sender's {@code receipts/} folder; mail a reply to
     * the sender (see MAIL_REPLY_SENT).
     */
    static String addressedTo(String channel, String agency, String replyTo) {
        if (channel == null) {
            return null;
        }
        return switch (Channel.fromId(channel)) {
            case JMS -> Queues.isReplyToOf(agency, replyTo) ? replyTo
                    : Queues.receiptsOf(agency == null ? "UNKNOWN" : agency);
            case SFTP, SFTP_REMOTE -> "receipts/ folder of the sender";
            case MAIL -> "reply mail to the sender";
            case HTTP -> "HTTP response";
        };
    }

    private static Map<String, String> details(String... pairs) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                details.put(pairs[i], pairs[i + 1]);
            }
        }
        return details;
    }
}
