package kz.gov.safework.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogTextTest {

    @Test
    void aForgedLogLineStaysOnOneLine() {
        String name = "report.json\n2026-12-01 12:00:00 INFO  Submission x from MZ via jms: ACCEPTED\r";
        String logged = LogText.of(name);

        assertThat(logged).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("report.json\\n2026-12-01 12:00:00 INFO  Submission x from MZ via jms: ACCEPTED\\r");
    }

    /** Each case: why, the value from outside, and how it must stand in the log line. */
    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("other control characters and Unicode line separators are escaped",
                        "a\u0000b\u001bc\u0085d\u2028e\tf", "a\\u0000b\\u001bc\\u0085d\\u2028e\\tf"),
                Arguments.of("a backslash is escaped so an escape cannot be faked", "a\\nb", "a\\\\nb"),
                Arguments.of("a lone surrogate is escaped", "x\uD800y", "x\\ud800y"),
                Arguments.of("a surrogate pair is kept", "x\uD83D\uDE00y", "x\uD83D\uDE00y"),
                Arguments.of("Cyrillic and ordinary text is unchanged", "Отчёт акимата 2023.xml",
                        "Отчёт акимата 2023.xml"),
                Arguments.of("null is written as null", null, "null"),
                Arguments.of("bidirectional overrides are shown, not applied", "evil\u202egnp.pub",
                        "evil\\u202egnp.pub"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapesWhatCouldForgeOrHideText(String why, String raw, String logged) {
        assertThat(LogText.of(raw)).isEqualTo(logged);
    }

    @Test
    void aHugeValueIsCutWithItsLength() {
        String logged = LogText.of("a".repeat(10_000));

        assertThat(logged).startsWith("a".repeat(LogText.MAX_LENGTH)).endsWith("…(10000 chars)");
        assertThat(logged.length()).isLessThan(LogText.MAX_LENGTH + 20);
    }

    @Test
    void quotedTextShowsWhereItStartsAndEnds() {
        assertThat(LogText.quote(" mz\n")).isEqualTo("' mz\\n'");
        assertThat(LogText.quote(null)).isEqualTo("null");
    }
}
