package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.reading.DocumentFormat;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.receipt.ReceiptStatus;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.signature.Signer;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubmissionStoreTest {
    private static final Instant NOW = Instant.parse("2024-01-05T10:00:00Z");

    static Stream<TestDatabases.TestDatabase> databases() throws Exception {
        return TestDatabases.all().stream();
    }

    private static SubmissionStore store(TestDatabases.TestDatabase db) {
        return new SubmissionStore(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProgressReport report(String reportId, String correctionOf) {
        return new ProgressReport(reportId, "MZ", "safe-labor-2021-2025", 2023, correctionOf, null,
                List.of(new ItemEntry("5", ItemStatus.IN_PROGRESS, "Ведётся работа", null, null, null, null, null)));
    }

    private static Verdict accepted(ProgressReport report) {
        return new Verdict(new ReadResult(DocumentFormat.JSON, report, List.of(), report.reportId(), report.agency(),
                report.year()), List.of(), List.of(), false);
    }

    private static Envelope envelope(String transportId, String sha) {
        return new Envelope(UUID.nameUUIDFromBytes(transportId.getBytes()).toString(), Channel.JMS, "mz", "MZ",
                transportId, null, null, NOW, null, transportId, null, null, Path.of("/dev/null"), 10, sha);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void acceptsAReportAndStoresItsItems(TestDatabases.TestDatabase db) throws Exception {
        var report = report(UUID.randomUUID().toString(), null);
        Outcome outcome = store(db).record(envelope("t1", "a".repeat(64)), accepted(report));

        assertThat(outcome.receipt().status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(outcome.feedJson()).contains(report.reportId());
        assertThat(count(db, "SELECT COUNT(*) FROM item_entry")).isEqualTo(1);
        assertThat(store(db).receipt(outcome.receipt().submissionId())).isPresent();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchFindsADocumentByItsHashOrReportIdWithBoundFiltersAndPages(TestDatabases.TestDatabase db) {
        String sha = UUID.randomUUID().toString().replace("-", "").repeat(2);
        var report = report(UUID.randomUUID().toString(), null);
        Outcome outcome = store(db).record(envelope("t-" + sha, sha), accepted(report));
        String id = outcome.receipt().submissionId();

        SubmissionStore.FoundPage bySha = store(db).search(query(Map.of("q", sha.toUpperCase(Locale.ROOT))));
        assertThat(bySha.total()).isEqualTo(1);
        assertThat(bySha.submissions().get(0).submissionId()).isEqualTo(id);
        assertThat(bySha.submissions().get(0).year()).isEqualTo(2023);
        assertThat(store(db).search(query(Map.of("q", report.reportId(), "agency", "mz", "year", "2023",
                "status", "accepted", "channel", "jms", "from", "2024-01-05", "to", "2024-01-05"))).total()).isEqualTo(1);
        assertThat(store(db).search(query(Map.of("q", sha, "status", "REJECTED"))).total()).isZero();
        assertThat(store(db).search(query(Map.of("q", sha, "to", "2024-01-04"))).total()).isZero();
        assertThat(store(db).search(query(Map.of("q", "%' OR '1'='1"))).submissions()).isEmpty();
        SubmissionStore.FoundPage second = store(db).search(query(Map.of("q", sha, "size", "1", "page", "1")));
        assertThat(second.total()).isEqualTo(1);
        assertThat(second.submissions()).isEmpty();
    }

    private static SubmissionQuery query(Map<String, String> params) {
        return SubmissionQuery.parse(params);
    }

    private record Twice(Outcome first, Outcome second) {
    }

    /**
     * One new report recorded twice with the same bytes ({@code sha}), under these transport ids: the same id is a
     * redelivery of the message, another id the same document sent again.
     */
    private static Twice recordedTwice(TestDatabases.TestDatabase db, String firstTransportId,
            String secondTransportId, String sha) {
        var report = report(UUID.randomUUID().toString(), null);
        Outcome first = store(db).record(envelope(firstTransportId, sha), accepted(report));
        return new Twice(first, store(db).record(envelope(secondTransportId, sha), accepted(report)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theReceiptOfASignedDocumentNamesTheSignerAndItsAgency(TestDatabases.TestDatabase db) throws Exception {
        var report = report(UUID.randomUUID().toString(), null);
        Signer signer = new Signer("MZ", "CN=MZ signer,O=Test", "1f", NOW.minusSeconds(1));
        Verdict signed = new Verdict(accepted(report).read(), List.of(), List.of(), false, signer);
        Envelope anonymous = new Envelope("signed-1", Channel.MAIL, "someone", null, "t-signed", null, null, NOW,
                null, null, null, null, Path.of("/dev/null"), 10, "c".repeat(64));

        Outcome outcome = store(db).record(anonymous, signed);

        assertThat(outcome.receipt().agency()).isEqualTo("MZ");
        assertThat(outcome.receipt().signer()).isEqualTo(signer);
        assertThat(outcome.receiptJson()).contains("\"signer\":{").contains("\"serial\":\"1f\"");
        assertThat(store(db).receipt("signed-1").orElseThrow().agency()).isEqualTo("MZ");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void answersARedeliveryWithTheStoredReceiptAndStoresNothingNew(TestDatabases.TestDatabase db) throws Exception {
        Twice twice = recordedTwice(db, "t1", "t1", "b".repeat(64));

        assertThat(twice.second().redelivered()).isTrue();
        assertThat(twice.second().receiptJson()).isEqualTo(twice.first().receiptJson());
        assertThat(twice.second().feedJson()).isEqualTo(twice.first().feedJson());
        assertThat(count(db, "SELECT COUNT(*) FROM submission")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPreviewIsTheReceiptRecordGivesAndStoresNothing(TestDatabases.TestDatabase db) throws Exception {
        String reportId = UUID.randomUUID().toString();
        Envelope first = envelope("p1", "1".repeat(64));
        Outcome preview = store(db).preview(first, accepted(report(reportId, null)));
        assertThat(preview.receipt().status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(count(db, "SELECT COUNT(*) FROM submission")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM accepted_report")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM item_entry")).isZero();
        assertThat(store(db).record(first, accepted(report(reportId, null))).receiptJson())
                .isEqualTo(preview.receiptJson());

        Envelope copy = envelope("p2", "1".repeat(64));
        Envelope reused = envelope("p3", "2".repeat(64));
        Outcome duplicate = store(db).preview(copy, accepted(report(reportId, null)));
        Outcome reusedId = store(db).preview(reused, accepted(report(reportId, null)));
        assertThat(duplicate.receipt().status()).isEqualTo(ReceiptStatus.DUPLICATE);
        assertThat(reusedId.receipt().errors()).extracting(ValidationError::code)
                .containsExactly(ErrorCode.REPORT_ID_REUSED);
        assertThat(count(db, "SELECT COUNT(*) FROM submission")).isEqualTo(1);
        assertThat(store(db).record(copy, accepted(report(reportId, null))).receiptJson())
                .isEqualTo(duplicate.receiptJson());
        assertThat(store(db).record(reused, accepted(report(reportId, null))).receiptJson())
                .isEqualTo(reusedId.receiptJson());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void marksTheSameBytesFromTheSameAgencyAsDuplicate(TestDatabases.TestDatabase db) throws Exception {
        Twice twice = recordedTwice(db, "t1", "t2", "c".repeat(64));

        assertThat(twice.second().receipt().status()).isEqualTo(ReceiptStatus.DUPLICATE);
        assertThat(twice.second().receipt().duplicateOf()).isEqualTo(twice.first().receipt().submissionId());
        assertThat(twice.second().feedJson()).isNull();
        assertThat(count(db, "SELECT COUNT(*) FROM item_entry")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDuplicateOfALateReportIsLateToo(TestDatabases.TestDatabase db) throws Exception {
        var report = report(UUID.randomUUID().toString(), null);
        Verdict late = new Verdict(accepted(report).read(), List.of(), List.of(), true);
        Verdict onTimeIfJudgedAgain = accepted(report);
        Outcome first = store(db).record(envelope("t1", "9".repeat(64)), late);
        Outcome second = store(db).record(envelope("t2", "9".repeat(64)), onTimeIfJudgedAgain);

        assertThat(first.receipt().late()).isTrue();
        assertThat(second.receipt().status()).isEqualTo(ReceiptStatus.DUPLICATE);
        assertThat(second.receipt().late()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rejectsAReusedReportIdWithDifferentContent(TestDatabases.TestDatabase db) throws Exception {
        String reportId = UUID.randomUUID().toString();
        store(db).record(envelope("t1", "d".repeat(64)), accepted(report(reportId, null)));
        Outcome second = store(db).record(envelope("t2", "e".repeat(64)), accepted(report(reportId, null)));

        assertThat(second.receipt().status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(second.receipt().errors()).extracting(ValidationError::code).containsExactly(ErrorCode.REPORT_ID_REUSED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCellReadsItsLatestVersionsWithTheirCountAndTheCurrentEntryWithItsTexts(TestDatabases.TestDatabase db) {
        List<String> accepted = new java.util.ArrayList<>();
        for (String transport : List.of("v1", "v2", "v3", "v4", "v5")) { // same clock: the submission id breaks ties
            accepted.add(store(db).record(envelope(transport, transport.repeat(32)),
                    accepted(report(UUID.randomUUID().toString(), null))).receipt().submissionId());
        }
        List<String> rejected = new java.util.ArrayList<>();
        for (String transport : List.of("x1", "x2", "x3")) {
            ProgressReport report = report(UUID.randomUUID().toString(), null);
            Verdict refused = new Verdict(accepted(report).read(),
                    List.of(ValidationError.of(ErrorCode.UNKNOWN_ITEM, "/items/0/item")), List.of(), false);
            rejected.add(store(db).record(envelope(transport, transport.repeat(32)), refused).receipt().submissionId());
        }
        accepted.sort(null);
        rejected.sort(null);

        List<SubmissionStore.CellVersions> cells = store(db).cellVersions("safe-labor-2021-2025", 2023, 2);
        SubmissionStore.Attempts attempts = store(db).rejected("safe-labor-2021-2025", 2023, 2).get("MZ");
        SubmissionStore.History history = store(db).history("safe-labor-2021-2025", 2023, "MZ", 4);

        // Two of five versions read, the latest, oldest first; the count and the first arrival of all five.
        assertThat(cells).singleElement().satisfies(cell -> {
            assertThat(cell.agency()).isEqualTo("MZ");
            assertThat(cell.item()).isEqualTo("5");
            assertThat(cell.count()).isEqualTo(5);
            assertThat(cell.firstReceivedAt()).isEqualTo(NOW);
            assertThat(cell.latest()).extracting(StoredSubmission::submissionId)
                    .containsExactlyElementsOf(accepted.subList(3, 5));
            assertThat(cell.current().submissionId()).isEqualTo(accepted.get(4));
            assertThat(cell.current().item()).isEqualTo("5");
            assertThat(cell.current().narrativeRu()).isEqualTo("Ведётся работа");
        });
        // Asked for one version only (what the earlier years read): the current, with its texts.
        assertThat(store(db).cellVersions("safe-labor-2021-2025", 2023, 1)).singleElement().satisfies(cell -> {
            assertThat(cell.latest()).extracting(StoredSubmission::submissionId).containsExactly(accepted.get(4));
            assertThat(cell.current().narrativeRu()).isEqualTo("Ведётся работа");
        });
        assertThat(attempts.count()).isEqualTo(3);
        assertThat(attempts.latest()).extracting(StoredSubmission::submissionId)
                .containsExactlyElementsOf(rejected.subList(1, 3));
        // The history: eight judged, the latest four listed (same clock: by submission id), the accepted with entries.
        List<String> all = new java.util.ArrayList<>(accepted);
        all.addAll(rejected);
        all.sort(null);
        assertThat(history.total()).isEqualTo(8);
        assertThat(history.latest()).extracting(StoredSubmission::submissionId)
                .containsExactlyElementsOf(all.subList(4, 8));
        assertThat(history.entries()).extracting(StoredEntry::submissionId).containsExactlyInAnyOrderElementsOf(
                all.subList(4, 8).stream().filter(accepted::contains).toList());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCorrectionSupersedesTheEarlierReportAndKeepsIt(TestDatabases.TestDatabase db) throws Exception {
        String original = UUID.randomUUID().toString();
        Outcome first = store(db).record(envelope("t1", "f".repeat(64)), accepted(report(original, null)));
        Outcome correction = store(db).record(envelope("t2", "0".repeat(64)),
                accepted(report(UUID.randomUUID().toString(), original)));

        assertThat(correction.receipt().status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(correction.feedJson()).contains("\"supersedes\":\"" + first.receipt().submissionId() + "\"");
        assertThat(count(db, "SELECT COUNT(*) FROM submission WHERE superseded_by = '"
                + correction.receipt().submissionId() + "'")).isEqualTo(1);
        assertThat(store(db).isAccepted(original, "MZ", 2023)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keepsARejectedDocumentWithEveryError(TestDatabases.TestDatabase db) throws Exception {
        var errors = List.of(ValidationError.of(ErrorCode.MALFORMED_JSON, ""),
                ValidationError.of(ErrorCode.UNKNOWN_AGENCY, "/agency"));
        Outcome outcome = store(db).record(envelope("t1", "1".repeat(64)), Verdict.rejected(errors));

        assertThat(outcome.receipt().status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(outcome.receipt().errors()).extracting(ValidationError::code)
                .containsExactly(ErrorCode.MALFORMED_JSON, ErrorCode.UNKNOWN_AGENCY);
        assertThat(outcome.feedJson()).isNull();
        assertThat(count(db, "SELECT COUNT(*) FROM submission WHERE status = 'REJECTED'")).isEqualTo(1);
    }

    private static long count(TestDatabases.TestDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
