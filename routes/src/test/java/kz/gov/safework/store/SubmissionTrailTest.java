package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trail read from the tables as the pipeline and the API write them, on H2 and PostgreSQL: steps in time order,
 * a step of one request recorded once, corrections of the report, and nothing invented for what was not recorded.
 */
class SubmissionTrailTest {
    private static final Instant T0 = Instant.parse("2024-01-05T04:00:00Z");

    static Stream<TestDatabases.TestDatabase> databases() throws Exception {
        return TestDatabases.all().stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStepOfOneRequestIsRecordedOnceAndEachNewRequestAgain(TestDatabases.TestDatabase db) {
        SubmissionSteps steps = new SubmissionSteps(db.dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
        String id = UUID.randomUUID().toString();

        assertThat(steps.record(id, SubmissionSteps.Kind.RECEIPT_SENT, "hub.receipts.jms", "receipts.MZ.desk", "c-1",
                null, null)).isTrue();
        // A redelivered envelope hands its receipt to the broker again: still one step.
        assertThat(steps.record(id, SubmissionSteps.Kind.RECEIPT_SENT, "hub.receipts.jms", "receipts.MZ.desk", "c-1",
                null, null)).isFalse();
        assertThat(steps.record(id, SubmissionSteps.Kind.RECEIPT_RESENT, "hub.receipts.jms", null, null, "k-1", "op"))
                .isTrue();
        assertThat(steps.record(id, SubmissionSteps.Kind.RECEIPT_RESENT, "hub.receipts.jms", null, null, "k-1", "op"))
                .isFalse();
        assertThat(steps.record(id, SubmissionSteps.Kind.RECEIPT_RESENT, "hub.receipts.jms", null, null, "k-2", "op"))
                .isTrue();

        assertThat(steps.of(id)).extracting(SubmissionSteps.Step::kind, SubmissionSteps.Step::requestId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SubmissionSteps.Kind.RECEIPT_SENT, null),
                        org.assertj.core.groups.Tuple.tuple(SubmissionSteps.Kind.RECEIPT_RESENT, "k-1"),
                        org.assertj.core.groups.Tuple.tuple(SubmissionSteps.Kind.RECEIPT_RESENT, "k-2"));
        assertThat(steps.firstReceipt(id)).get().extracting(SubmissionSteps.Step::replyTo, SubmissionSteps.Step::correlation)
                .containsExactly("receipts.MZ.desk", "c-1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theTrailHasEveryRecordedStepInOrderWithTheCorrectionsOfTheReport(TestDatabases.TestDatabase db)
            throws Exception {
        String original = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        String correction = UUID.randomUUID().toString();
        String reportId = "r-" + original;
        messageLog(db, original, T0);
        submission(db, original, reportId, null, "ACCEPTED", T0.plusSeconds(1), correction);
        submission(db, refused, "r-" + refused, reportId, "REJECTED", T0.plusSeconds(60), null);
        submission(db, correction, "r-" + correction, reportId, "ACCEPTED", T0.plusSeconds(120), null);
        SubmissionSteps steps = new SubmissionSteps(db.dataSource(), Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC));
        steps.record(original, SubmissionSteps.Kind.FEED_PUBLISHED, "mtszn.feed", null, null, null, null);
        steps.record(original, SubmissionSteps.Kind.RECEIPT_SENT, "hub.receipts.jms", "receipts.MZ.desk", null, null,
                null);

        SubmissionTrail.Trail trail = new SubmissionTrail(db.dataSource(), steps).of(original);

        assertThat(trail.steps()).extracting(SubmissionTrail.TrailStep::step).containsExactly("RECEIVED", "LOGGED",
                "JUDGED", "STORED", "FEED_PUBLISHED", "RECEIPT_SENT", "CORRECTED_BY", "CORRECTED_BY");
        assertThat(trail.steps().get(0).details()).containsEntry("channel", "jms").containsEntry("transportId", "t-1");
        assertThat(trail.steps().get(1).details()).containsEntry("sha256", "a".repeat(64));
        assertThat(trail.steps().get(5).details()).containsEntry("addressedTo", "receipts.MZ.desk");
        List<SubmissionTrail.TrailStep> corrections = trail.steps().subList(6, 8);
        assertThat(corrections).extracting(s -> s.details().get("submissionId")).containsExactly(refused, correction);
        assertThat(corrections).extracting(s -> s.details().get("supersedes")).containsExactly("false", "true");
        assertThat(corrections.get(0).details()).containsEntry("status", "REJECTED");

        // A submission nobody sent anything for yet has no answer steps: none are made up.
        SubmissionTrail.Trail bare = new SubmissionTrail(db.dataSource(), steps).of(refused);
        assertThat(bare.steps()).extracting(SubmissionTrail.TrailStep::step)
                .containsExactly("RECEIVED", "JUDGED", "STORED");
    }

    /**
     * A mail's reply that the SMTP server refused for good (a 5xx answer) is in the trail with the server's answer,
     * and no reply is said to have been sent.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aMailReplyTheServerRefusedForGoodIsInTheTrailWithItsAnswer(TestDatabases.TestDatabase db) throws Exception {
        String id = UUID.randomUUID().toString();
        String mailKey = "<m-" + id + "@mz.example> " + "c".repeat(64);
        // The mail tables are the connectors module's (the hub migrates both): made here by its own migrations.
        org.flywaydb.core.Flyway.configure().dataSource(db.dataSource())
                .locations("filesystem:../connectors/src/main/resources/db/migration").table("connectors_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").outOfOrder(true).load().migrate();
        messageLog(db, id, T0, "mail", mailKey + "#0");
        submission(db, id, "r-" + id, null, "ACCEPTED", T0.plusSeconds(1), null);
        Sql.update(db.dataSource(),
                "INSERT INTO mail_outbox (outbox_key, message_id, recipient, mime_base64, created_at, next_attempt_at,"
                + " attempts, last_error, undeliverable_at) VALUES (?, ?, 'desk@mz.example', 'eA==', ?, ?, 1, ?, ?)",
                mailKey, "<reply-" + id + "@hub.local>", OffsetDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC), "SendFailedException: 550 5.1.1 user unknown",
                OffsetDateTime.ofInstant(T0.plusSeconds(3), ZoneOffset.UTC));
        SubmissionSteps steps = new SubmissionSteps(db.dataSource(), Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC));

        SubmissionTrail.Trail trail = new SubmissionTrail(db.dataSource(), steps).of(id);

        assertThat(trail.steps()).extracting(SubmissionTrail.TrailStep::step)
                .containsExactly("RECEIVED", "LOGGED", "JUDGED", "STORED", "MAIL_REPLY_UNDELIVERABLE");
        assertThat(trail.steps().get(4).details()).containsEntry("recipient", "desk@mz.example")
                .containsEntry("attempts", "1").containsEntry("answer", "SendFailedException: 550 5.1.1 user unknown");
        assertThat(trail.steps().get(4).at()).isEqualTo(T0.plusSeconds(3));
    }

    private static void messageLog(TestDatabases.TestDatabase db, String id, Instant at) {
        messageLog(db, id, at, "jms", "t-1");
    }

    private static void messageLog(TestDatabases.TestDatabase db, String id, Instant at, String channel,
                                   String transportId) {
        Sql.update(db.dataSource(),
                "INSERT INTO message_log (submission_id, channel, login, agency, transport_id, file_name, content_type,"
                + " received_at, logged_at, size_bytes, sha256, body_path)"
                + " VALUES (?, ?, 'mz', 'MZ', ?, 'r.json', 'application/json', ?, ?, 10, ?, 'messages/x')",
                id, channel, transportId, OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(at.plusMillis(5), ZoneOffset.UTC), "a".repeat(64));
    }

    private static void submission(TestDatabases.TestDatabase db, String id, String reportId, String correctionOf,
                                   String status, Instant at, String supersededBy) {
        Sql.update(db.dataSource(),
                "INSERT INTO submission (submission_id, channel, agency, report_id, plan_id, report_year, status, late,"
                + " correction_of, superseded_by, sha256, received_at, processed_at, receipt_json)"
                + " VALUES (?, 'jms', 'MZ', ?, 'plan', 2023, ?, FALSE, ?, ?, ?, ?, ?, '{}')",
                id, reportId, status, correctionOf, supersededBy, "b".repeat(64),
                OffsetDateTime.ofInstant(at.minusMillis(500), ZoneOffset.UTC), OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
