package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.gov.safework.hub.FaultCount.Kind;
import org.junit.jupiter.api.Test;

/** The fault tests' counter: what it calls lost and duplicated, and that it fails on either. */
class FaultCountTest {

    private static FaultCount twoDocuments() {
        FaultCount count = new FaultCount("unit", 7L);
        for (String key : new String[] {"a", "b"}) {
            count.sent(key).expect(Kind.JUDGED, key).expect(Kind.RECEIPTS, key);
        }
        return count.expect(Kind.FEED, "a");
    }

    @Test
    void exactCountsPassAndPrintTheLine() {
        FaultCount count = twoDocuments().saw(Kind.JUDGED, "a").saw(Kind.JUDGED, "b").saw(Kind.RECEIPTS, "a")
                .saw(Kind.RECEIPTS, "b").saw(Kind.FEED, "a").note("dlq", 0);
        count.printAndAssertExact();
        assertThat(count.line())
                .isEqualTo("FAULT unit seed=7 sent=2 judged=2 receipts=2 feed=1 duplicates=0 lost=0 dlq=0");
    }

    @Test
    void aMissingReceiptIsLost() {
        FaultCount count = twoDocuments().saw(Kind.JUDGED, "a").saw(Kind.JUDGED, "b").saw(Kind.RECEIPTS, "a")
                .saw(Kind.FEED, "a");
        assertThat(count.lost()).isEqualTo(1);
        assertThat(count.duplicates()).isZero();
        assertThatThrownBy(count::printAndAssertExact).hasMessageContaining("\"b\"=\"expected 1, saw 0\"");
    }

    @Test
    void aSecondReceiptAndAnUnexpectedFeedMessageAreDuplicates() {
        FaultCount count = twoDocuments().saw(Kind.JUDGED, "a").saw(Kind.JUDGED, "b").saw(Kind.RECEIPTS, "a", 2)
                .saw(Kind.RECEIPTS, "b").saw(Kind.FEED, "a").saw(Kind.FEED, "b");
        assertThat(count.duplicates()).isEqualTo(2);
        assertThat(count.lost()).isZero();
        assertThat(count.line()).contains("duplicates=2 lost=0").doesNotContain("outbox=");
        assertThatThrownBy(count::printAndAssertExact).isInstanceOf(AssertionError.class);
    }

    @Test
    void outboxPartsAppearOnTheLineOnlyWhereExpected() {
        FaultCount count = new FaultCount("approval", null).expect(Kind.OUTBOX, "xml").saw(Kind.OUTBOX, "xml");
        assertThat(count.line()).isEqualTo("FAULT approval sent=0 judged=0 receipts=0 feed=0 outbox=1 duplicates=0 lost=0");
    }
}
