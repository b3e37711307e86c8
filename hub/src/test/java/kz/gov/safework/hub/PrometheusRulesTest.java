package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules ({@code config/prometheus/alerts.yml}) are valid Prometheus rules and pass their unit tests
 * ({@code alerts.test.yml}), checked by Prometheus' own {@code promtool} (Debian's {@code prometheus} package, installed
 * by {@code .ci/run}). That the metrics they read are the hub's is checked against the packaged hub by
 * {@code GrafanaDashboardIT}.
 */
class PrometheusRulesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path RULES = Path.of(System.getProperty("hub.config-dir", "../config"), "prometheus");

    private static String promtool(String... arguments) throws Exception {
        RequiredService.executables(".ci/run (apt-get install prometheus)", PROMTOOL);
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 9 rules found");
    }

    @Test
    void everyAlertRulePassesItsUnitTests() throws Exception {
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }
}
