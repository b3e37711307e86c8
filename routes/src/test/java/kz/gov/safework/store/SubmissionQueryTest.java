package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionQueryTest {
    @Test
    void nothingAskedIsTheFirstPageOfEverything() {
        SubmissionQuery query = SubmissionQuery.parse(Map.of());
        assertThat(query).isEqualTo(new SubmissionQuery(null, null, null, null, null, null, null, 0,
                SubmissionQuery.DEFAULT_SIZE));
    }

    @Test
    void blankParametersCountAsNotAsked() {
        assertThat(SubmissionQuery.parse(Map.of("agency", " ", "q", "", "size", " ")))
                .isEqualTo(SubmissionQuery.parse(Map.of()));
    }

    @Test
    void agencyAndStatusAreReadInAnyCaseAndQIsTrimmed() {
        SubmissionQuery query = SubmissionQuery.parse(Map.of("agency", "akimat-ulytau", "status", "rejected",
                "q", "  r-1 "));
        assertThat(query.agency()).isEqualTo("AKIMAT-ULYTAU");
        assertThat(query.status()).isEqualTo("REJECTED");
        assertThat(query.q()).isEqualTo("r-1");
    }

    @Test
    void datesAreWholeUtcDaysBothIncludedAndInstantsAreTakenAsTheyAre() {
        SubmissionQuery days = SubmissionQuery.parse(Map.of("from", "2023-01-05", "to", "2023-01-10"));
        assertThat(days.from()).isEqualTo(Instant.parse("2023-01-05T00:00:00Z"));
        assertThat(days.to()).isEqualTo(Instant.parse("2023-01-11T00:00:00Z"));
        SubmissionQuery instants = SubmissionQuery.parse(Map.of("from", "2023-01-05T04:00:00Z",
                "to", "2023-01-05T04:00:01Z"));
        assertThat(instants.from()).isEqualTo(Instant.parse("2023-01-05T04:00:00Z"));
        assertThat(instants.to()).isEqualTo(Instant.parse("2023-01-05T04:00:01Z"));
        assertThat(SubmissionQuery.parse(Map.of("from", "2023-01-05", "to", "2023-01-05")).to())
                .isEqualTo(Instant.parse("2023-01-06T00:00:00Z")); // one whole day
    }

    @Test
    void limitsAreInclusive() {
        SubmissionQuery query = SubmissionQuery.parse(Map.of("year", "2000", "page", "0",
                "size", Integer.toString(SubmissionQuery.MAX_SIZE)));
        assertThat(query.year()).isEqualTo(2000);
        assertThat(query.size()).isEqualTo(SubmissionQuery.MAX_SIZE);
        assertThat(SubmissionQuery.parse(Map.of("year", "2100", "size", "1")).size()).isEqualTo(1);
        assertThat(SubmissionQuery.parse(Map.of("q", "x".repeat(SubmissionQuery.MAX_Q))).q())
                .hasSize(SubmissionQuery.MAX_Q);
    }

    @Test
    void rejectsAYearOutOfRange() {
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("year", "2101")))
                .hasMessage("year must be a number from 2000 to 2100");
    }

    @Test
    void rejectsAnAgencyThatIsNoCode() {
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("agency", "MZ%"))).hasMessageStartingWith("agency");
    }

    @Test
    void rejectsAChannelThatIsNoChannelId() {
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("channel", "pigeon"))).hasMessageStartingWith("channel");
        assertThat(SubmissionQuery.parse(Map.of("channel", "SFTP-remote")).channel()).isEqualTo("sftp-remote");
    }

    @Test
    void rejectsAnUnknownStatus() {
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("status", "LOST"))).hasMessageStartingWith("status");
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("from", "2023-01-02", "to", "2023-01-01")))
                .hasMessageStartingWith("to must be after from");
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("from", "2023-01-05T04:00:00Z",
                "to", "2023-01-05T04:00:00Z"))).hasMessageStartingWith("to must be after from");
    }

    @Test
    void rejectsATooLongQ() {
        assertThatThrownBy(() -> SubmissionQuery.parse(Map.of("q", "x".repeat(SubmissionQuery.MAX_Q + 1))))
                .hasMessageStartingWith("q must be");
    }

    @Test
    void onlyOfConfinesTheSameSearchToOneAgency() {
        SubmissionQuery query = SubmissionQuery.parse(Map.of("agency", "MVD", "year", "2022", "page", "2"));
        assertThat(query.onlyOf("MZ")).isEqualTo(new SubmissionQuery("MZ", 2022, null, null, null, null, null, 2,
                SubmissionQuery.DEFAULT_SIZE));
    }
}
