package kz.gov.safework.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark runs and reports. In {@code mvn verify} a run of seconds ({@link Bench#SMOKE}, results in
 * {@code hub/target/bench/}); with {@code -Dbench.full=true} the full run whose results are committed under
 * {@code bench/results/} (README, Performance). {@code -Dbench.jfr=<file>} records the hub with JFR meanwhile.
 * Asserts that every phase ran and every document was accepted, never how fast.
 */
class BenchIT {
    @TempDir
    Path work;

    @Test
    void measuresTheHubBesideTheRawBrokerAndWritesTheResults() throws Exception {
        Path repo = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().normalize().getParent();
        boolean full = Boolean.getBoolean("bench.full");
        Path results = full ? repo.resolve("bench/results") : repo.resolve("hub/target/bench");
        String jfr = System.getProperty("bench.jfr", "");
        List<String> jvm = jfr.isBlank() ? List.of()
                : List.of("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile");

        Bench.Report report = new Bench(full ? Bench.FULL : Bench.SMOKE, repo, work, results, jvm).run();

        assertThat(report.hubMax()).containsOnlyKeys("json-6.6KB", "xml-7.3KB", "json-1MiB", "xml-1MiB");
        report.hubMax().values().forEach(max -> {
            assertThat(max.result().answered()).as(max.documents().name() + " answered").isPositive()
                    .isEqualTo(max.result().sent());
            assertThat(max.result().accepted()).as(max.documents().name() + " accepted").isEqualTo(max.result().answered());
            assertThat(max.cpuSecondsPerDocument()).as("CPU per document").isPositive();
        });
        report.rawMax().values().forEach(max ->
                assertThat(max.result().answered()).as("raw " + max.documents().name()).isPositive()
                        .isEqualTo(max.result().sent()));
        assertThat(report.hubSweep()).hasSameSizeAs(report.rawSweep()).allMatch(r -> r.answered() > 0);
        assertThat(report.hubLatency().latencyNanos()).isNotEmpty();
        // The queue channel's reports are judged by route judge, called from jms-intake (no hub.intake hop).
        assertThat(report.hubMax().get("json-6.6KB").stages()).containsKey("camel_route_policy judge");
        assertThat(report.hubIdleHeap()).isPositive();
        assertThat(Files.readString(report.markdown())).contains("hub ÷ raw", "p99", "CPU ms/document", "load average");
        BufferedImage chart = ImageIO.read(report.png().toFile());
        assertThat(chart.getWidth()).isPositive();
    }
}
