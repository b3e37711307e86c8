package kz.gov.safework.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueuesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"receipts.MZ", "receipts.MZ.a", "receipts.MZ.system_A-1",
            "receipts.MZ.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void honoursTheAgencysOwnQueueAndOneNamedLevelBelowIt(String replyTo) {
        assertThat(Queues.isReplyToOf("MZ", replyTo)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"receipts.MZ.x:mtszn.feed", "receipts.MZ.x::mtszn.feed", "receipts.MZ::mtszn.feed",
            "receipts.MZ.a?b=c", "receipts.MZ.{{x}}", "receipts.MZ.}}", "receipts.MZ.%2e", "receipts.MZ.a/b",
            "receipts.MZ.a.b", "receipts.MZ.#", "receipts.MZ.*", "receipts.MZ.", "receipts.MZX", "receipts.MZ-X",
            "receipts.MZ.a\n", "receipts.MZ.\u0430", "receipts.mz", "receipts.AKIMAT-ASTANA", "mtszn.feed", "",
            "receipts.MZ.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void refusesEverythingElse(String replyTo) {
        assertThat(Queues.isReplyToOf("MZ", replyTo)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"receipts.MZ", "receipts.MZ.a"})
    void refusesAnyReplyToWithoutAnAgency(String replyTo) {
        assertThat(Queues.isReplyToOf(null, replyTo)).isFalse();
    }
}
