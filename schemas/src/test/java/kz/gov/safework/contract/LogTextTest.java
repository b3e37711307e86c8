package kz.gov.safework.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void aForgedLogLineStaysOnOneLine() {
        String name = "report.json\n2026-12-01 12:00:00 INFO  Submission x from MZ via jms: ACCEPTED\r";
        String logged = LogText.of(name);

        assertThat(logged).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("report.json\\n2026-12-01 12:00:00 INFO  Submission x from MZ via jms: ACCEPTED\\r");
    }

    @Test
    void otherControlCharactersAndUnicodeLineSeparatorsAreEscaped() {
        assertThat(LogText.of("a\u0000b\u001bc\u0085d\u2028e\tf")).isEqualTo("a\\u0000b\\u001bc\\u0085d\\u2028e\\tf");
    }

    @Test
    void aBackslashIsEscapedSoAnEscapeCannotBeFaked() {
        assertThat(LogText.of("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void loneSurrogatesAreEscapedPairsKept() {
        assertThat(LogText.of("x\uD800y")).isEqualTo("x\\ud800y");
        assertThat(LogText.of("x\uD83D\uDE00y")).isEqualTo("x\uD83D\uDE00y");
    }

    @Test
    void cyrillicAndOrdinaryTextIsUnchanged() {
        assertThat(LogText.of("Отчёт акимата 2023.xml")).isEqualTo("Отчёт акимата 2023.xml");
        assertThat(LogText.of(null)).isEqualTo("null");
    }

    @Test
    void aHugeValueIsCutWithItsLength() {
        String logged = LogText.of("a".repeat(10_000));

        assertThat(logged).startsWith("a".repeat(LogText.MAX_LENGTH)).endsWith("…(10000 chars)");
        assertThat(logged.length()).isLessThan(LogText.MAX_LENGTH + 20);
    }

    @Test
    void bidirectionalOverridesAreShownNotApplied() {
        assertThat(LogText.of("evil\u202egnp.pub")).isEqualTo("evil\\u202egnp.pub");
    }

    @Test
    void quotedTextShowsWhereItStartsAndEnds() {
        assertThat(LogText.quote(" mz\n")).isEqualTo("' mz\\n'");
        assertThat(LogText.quote(null)).isEqualTo("null");
    }
}
