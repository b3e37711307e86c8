package kz.gov.safework.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge: the adapter's own verdict first, then the reader (size, format, schema), then the business rules. */
class JudgeTest {
    private static final ReferenceData REFERENCE = ReferenceData.load(Path.of("..", "config"));
    private static final Instant ON_TIME_2023 = Instant.parse("2024-01-05T06:00:00Z");
    private static final Instant LATE_2023 = Instant.parse("2024-03-01T06:00:00Z");
    private static final long MAX_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    private final Judge judge = new Judge(DocumentReader.progressReports(), NoSignatures.of(REFERENCE), new BusinessRules(REFERENCE),
            RulesFixture.NONE_ACCEPTED, MAX_BYTES);

    static String report(String agency) {
        return """
                {"schema": "urn:kz:gov:safework:progress-report:v1", "reportId": "%s", "agency": "%s",
                 "plan": "safe-labor-2021-2025", "year": 2023,
                 "contact": {"name": "Айгерим Сейтқали", "email": "otchet@astana.gov.kz"},
                 "items": [{"item": "14", "status": "IN_PROGRESS",
                            "narrativeRu": "Проведены проверки соблюдения требований охраны труда на 120 предприятиях."}]}
                """.formatted(UUID.randomUUID(), agency);
    }

    private Envelope envelope(String body, String adapterError, Instant receivedAt) throws Exception {
        Path file = dir.resolve(UUID.randomUUID() + ".doc");
        if (body != null) {
            Files.writeString(file, body, StandardCharsets.UTF_8);
        }
        return new Envelope("sub-1", Channel.JMS, "akimat-astana", "AKIMAT-ASTANA", "t-1", null, "application/json",
                receivedAt, null, null, adapterError, null, file, body == null ? 0 : body.length(), "0".repeat(64));
    }

    @Test
    void aValidReportOnTimeIsAcceptableAndNotLate() throws Exception {
        Verdict verdict = judge.judge(envelope(report("AKIMAT-ASTANA"), null, ON_TIME_2023));
        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.acceptable()).isTrue();
        assertThat(verdict.report().agency()).isEqualTo("AKIMAT-ASTANA");
        assertThat(verdict.late()).isFalse();
    }

    @Test
    void aValidReportAfterTheDeadlineIsAcceptableAndLate() throws Exception {
        Verdict verdict = judge.judge(envelope(report("AKIMAT-ASTANA"), null, LATE_2023));
        assertThat(verdict.acceptable()).isTrue();
        assertThat(verdict.late()).isTrue();
    }

    @Test
    void theRulesAreCheckedAgainstTheSenderTheChannelAuthenticated() throws Exception {
        Verdict verdict = judge.judge(envelope(report("MZ"), null, ON_TIME_2023));
        assertThat(verdict.acceptable()).isFalse();
        assertThat(verdict.errors()).extracting(ValidationError::code).contains(ErrorCode.AGENCY_MISMATCH);
        assertThat(verdict.report()).isNotNull();
    }

    @Test
    void anAdapterErrorIsTheVerdictAndTheBodyIsNotRead() throws Exception {
        Verdict verdict = judge.judge(envelope(null, ErrorCode.DOCUMENT_TOO_LARGE.name(), ON_TIME_2023));
        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.DOCUMENT_TOO_LARGE);
        assertThat(verdict.acceptable()).isFalse();
        assertThat(verdict.report()).isNull();
    }

    @Test
    void anAdapterErrorThatNamesNoCodeBecomesUnsupportedFormat() throws Exception {
        Verdict verdict = judge.judge(envelope(report("AKIMAT-ASTANA"), "NOT_A_CODE", ON_TIME_2023));
        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void anUnreadableDocumentIsRejectedWithTheReadersErrorsAndNoRules() throws Exception {
        Verdict verdict = judge.judge(envelope("{\"schema\": ", null, ON_TIME_2023));
        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.MALFORMED_JSON);
        assertThat(verdict.acceptable()).isFalse();
        assertThat(verdict.late()).isFalse();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void theSizeLimitIsTheOneTheJudgeWasGiven() throws Exception {
        String big = report("AKIMAT-ASTANA").replace("120 предприятиях.", "x".repeat((int) MAX_BYTES));
        Verdict verdict = judge.judge(envelope(big, null, ON_TIME_2023));
        assertThat(verdict.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void aMissingLoggedFileIsATechnicalFailureNotAVerdict() throws Exception {
        Envelope envelope = envelope(null, null, ON_TIME_2023);
        assertThatThrownBy(() -> judge.judge(envelope)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("sub-1");
    }
}
