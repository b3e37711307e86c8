package kz.gov.safework.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.gov.safework.testing.RequiredService;

/**
 * A standalone Artemis set up and started by deploy/artemis.sh (the distribution from Maven Central, kept in
 * {@code hub/target/artemis-it} between runs; a fresh instance each time) on a free port, with a random password for
 * the hub. Without the download (no network) the test using it is skipped on a developer machine and fails in CI.
 */
final class StandaloneArtemis implements AutoCloseable {
    static final String SCRIPT = "deploy/artemis.sh";
    static final Path REPO = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().getParent();
    private static final Path WORK = REPO.resolve("hub").resolve("target").resolve("artemis-it");

    final int port;
    private final String hubPassword;
    private final Map<String, String> environment;

    private StandaloneArtemis(int port, String hubPassword) {
        this.port = port;
        this.hubPassword = hubPassword;
        this.environment = Map.of("ARTEMIS_WORK", WORK.toString(), "ARTEMIS_PORT", Integer.toString(port),
                "ARTEMIS_HUB_PASSWORD", hubPassword);
    }

    static StandaloneArtemis start() throws Exception {
        StandaloneArtemis broker = new StandaloneArtemis(HubProcess.freePort(), UUID.randomUUID().toString());
        broker.run("stop");
        broker.deleteInstance();
        int exit = broker.run("start");
        if (exit != 0) {
            RequiredService.unavailable("the standalone Artemis did not start (exit " + exit + ", see "
                    + WORK.resolve("script.log") + ")", SCRIPT);
        }
        return broker;
    }

    /** The hub's settings for this broker: its URL and the hub's login. */
    Map<String, String> hubSettings() {
        return Map.of("hub.broker.url", "tcp://127.0.0.1:" + port, "hub.broker.user", "hub",
                "hub.broker.password", hubPassword);
    }

    @Override
    public void close() throws Exception {
        run("stop");
    }

    private int run(String command) throws Exception {
        Files.createDirectories(WORK);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", REPO.resolve(SCRIPT).toString(), command))
                .directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("script.log").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private void deleteInstance() throws Exception {
        Path instance = WORK.resolve("instance");
        if (Files.exists(instance)) {
            try (Stream<Path> paths = Files.walk(instance)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
