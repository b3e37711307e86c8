package kz.gov.safework.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.gov.safework.testing.RequiredService;

/**
 * A standalone Artemis set up and started by deploy/artemis.sh (the distribution from Maven Central, kept in
 * {@code hub/target/artemis-it} between runs) on a free port, with a random password for the hub, in a fresh
 * folder of its own ({@code hub/target/artemis-it/single-<port>}). Or ({@link #startPair()}) the script's replicated
 * primary/backup pair on two free ports, in {@code hub/target/artemis-it/pair-<port>}. Each has its own folder
 * because the system tests run in two JVMs at once: with one folder for all, a test starting its broker stopped the
 * broker of a test running in the other JVM (CI saw TwoHubsIT's hubs lose theirs). Without the download (no
 * network) the test using it is skipped on a developer machine and fails in CI.
 */
final class StandaloneArtemis implements AutoCloseable {
    static final String SCRIPT = "deploy/artemis.sh";
    static final Path REPO = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().getParent();
    private static final Path WORK = REPO.resolve("hub").resolve("target").resolve("artemis-it");

    /** The broker's port; of a pair, the primary's. */
    final int port;
    /** The backup's port, or -1 for a single broker. */
    final int backupPort;
    private final Path work;
    private final String hubPassword;
    private final Map<String, String> environment;

    private StandaloneArtemis(int port, int backupPort, String hubPassword) {
        this.port = port;
        this.backupPort = backupPort;
        this.work = WORK.resolve((backupPort < 0 ? "single-" : "pair-") + port);
        this.hubPassword = hubPassword;
        Map<String, String> env = new HashMap<>(Map.of("ARTEMIS_WORK", work.toString(),
                "ARTEMIS_DOWNLOADS", WORK.toString(), "ARTEMIS_PORT", Integer.toString(port),
                "ARTEMIS_HUB_PASSWORD", hubPassword));
        if (backupPort >= 0) {
            env.put("ARTEMIS_BACKUP_PORT", Integer.toString(backupPort));
            env.put("ARTEMIS_CLUSTER_PASSWORD", UUID.randomUUID().toString());
        }
        this.environment = Map.copyOf(env);
    }

    static StandaloneArtemis start() throws Exception {
        return started(new StandaloneArtemis(HubProcess.freePort(), -1, UUID.randomUUID().toString()),
                "the standalone Artemis", "start", "instance");
    }

    /**
     * deploy/artemis.sh pair-start: fresh primary and backup instances, returned once the backup has copied the
     * primary's journal (so that killing the primary fails over).
     */
    static StandaloneArtemis startPair() throws Exception {
        StandaloneArtemis pair = new StandaloneArtemis(HubProcess.freePort(), HubProcess.freePort(),
                UUID.randomUUID().toString());
        return started(pair, "the standalone Artemis pair", "pair-start", "primary", "backup");
    }

    /** Runs the script's start command on fresh instances; when it fails, the broker is unavailable to the test. */
    private static StandaloneArtemis started(StandaloneArtemis broker, String what, String command, String... instances)
            throws Exception {
        for (String instance : instances) {
            broker.deleteInstance(instance);
        }
        int exit = broker.run(command);
        if (exit != 0) {
            RequiredService.unavailable(what + " did not start (exit " + exit + ", see "
                    + broker.work.resolve("script.log") + ")", SCRIPT);
        }
        return broker;
    }

    /** The hub's settings for this broker: its URL (of a pair, both nodes with HA) and the hub's login. */
    Map<String, String> hubSettings() {
        String url = backupPort < 0 ? "tcp://127.0.0.1:" + port
                : "(tcp://127.0.0.1:" + port + ",tcp://127.0.0.1:" + backupPort + ")?ha=true&reconnectAttempts=-1";
        return Map.of("hub.broker.url", url, "hub.broker.user", "hub", "hub.broker.password", hubPassword);
    }

    /** An agency's Qpid JMS URL for the pair, as README gives it: both nodes, reconnecting without end. */
    String agencyFailoverUrl() {
        return "failover:(amqp://127.0.0.1:" + port + ",amqp://127.0.0.1:" + backupPort + ")"
                + "?failover.maxReconnectAttempts=-1&failover.initialReconnectDelay=200&failover.maxReconnectDelay=1000";
    }

    /**
     * kill -9 of a node of the pair ({@code primary} or {@code backup}: the JVM the script started, bin/artemis execs
     * java); returns once it is gone, false if it was gone already.
     */
    boolean kill(String node) throws Exception {
        long pid = Long.parseLong(Files.readString(work.resolve(node + ".pid")).trim());
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroyForcibly();
        process.get().onExit().get(30, TimeUnit.SECONDS);
        return true;
    }

    /**
     * deploy/artemis.sh start of the pair's primary again, after it was killed: it finds the backup active and becomes
     * its replica (the pair does not fail back by itself). Returns once its journal is in step with the backup's.
     */
    void restartPrimary() throws Exception {
        int exit = run("start", Map.of("ARTEMIS_NODE", "primary", "ARTEMIS_PEER", "127.0.0.1:" + backupPort));
        if (exit != 0) {
            throw new IllegalStateException("the primary did not start again (exit " + exit + ", see "
                    + work.resolve("script.log") + ")");
        }
    }

    /** The log of a node of the pair ({@code primary} or {@code backup}). */
    String log(String node) throws Exception {
        return Files.readString(work.resolve(node + ".log"));
    }

    @Override
    public void close() throws Exception {
        run(backupPort < 0 ? "stop" : "pair-stop");
    }

    private int run(String command) throws Exception {
        return run(command, Map.of());
    }

    private int run(String command, Map<String, String> more) throws Exception {
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", REPO.resolve(SCRIPT).toString(), command))
                .directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("script.log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(more);
        Process process = builder.start();
        if (!process.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private void deleteInstance(String name) throws Exception {
        Path instance = work.resolve(name);
        if (Files.exists(instance)) {
            try (Stream<Path> paths = Files.walk(instance)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
