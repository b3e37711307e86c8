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

        Bench.Signing signing = "ec".equals(System.getProperty("bench.signing")) ? ecKeystore() : Bench.Signing.DEMO;

        Bench.Report report = new Bench(full ? Bench.FULL : Bench.SMOKE, repo, work, results, jvm, signing).run();

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

    /**
     * {@code -Dbench.signing=ec}: the hub signs with an EC P-256 key (ES256) from a keystore of its own, as an operator
     * may configure it ({@code hub.signing.keystore}), instead of the demo RSA 3072 key: two RSA 3072 signatures are
     * most of the hub's CPU per small document.
     */
    private Bench.Signing ecKeystore() throws Exception {
        Path keystore = work.resolve("bench-signing.p12");
        String password = "bench-signing";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=Safe Labour hub benchmark", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as("keytool: " + output).isZero();
        return new Bench.Signing("an EC P-256 key (ES256) from a keystore of its own (`-Dbench.signing=ec`)",
                java.util.Map.of("hub.signing.keystore", keystore.toString(), "hub.signing.keystore-password", password,
                        "hub.signing.alias", "hub"));
    }
}
