package kz.gov.safework.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void lineBreaksAndEscapeSequencesCannotForgeALogLine() {
        assertThat(LogText.escape("mz.pub\n2026-01-01 INFO forged\u001b[31m"))
                .isEqualTo("mz.pub\\u000a2026-01-01 INFO forged\\u001b[31m");
    }

    @Test
    void bidirectionalOverridesAreShownNotApplied() {
        assertThat(LogText.escape("evil\u202egnp.pub")).isEqualTo("evil\\u202egnp.pub");
    }

    @Test
    void longTextIsCut() {
        assertThat(LogText.escape("a".repeat(1000))).hasSize(LogText.MAX_LENGTH + 3).endsWith("...");
    }

    @Test
    void plainTextAndNullStayReadable() {
        assertThat(LogText.escape("akimat-astana.pub:2: Ключ")).isEqualTo("akimat-astana.pub:2: Ключ");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }
}
