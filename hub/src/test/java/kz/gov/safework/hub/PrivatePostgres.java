package kz.gov.safework.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.gov.safework.testing.RequiredService;

/**
 * A PostgreSQL server of the test's own (Debian's {@code postgresql} package: {@code initdb} and {@code pg_ctl} in a
 * temporary directory, on a free loopback port), so a test may stop and start it without disturbing the shared one
 * that {@code .ci/postgres.sh} runs. As root (CI) the server runs as the {@code postgres} user, as initdb demands.
 * Trust authentication on 127.0.0.1 only: a throwaway server for one test.
 */
final class PrivatePostgres implements AutoCloseable {
    static final String USER = "safework";
    static final String DATABASE = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    final int port;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** initdb and start; skipped without Debian's postgresql package on a developer machine, a failure in CI. */
    static PrivatePostgres start() throws Exception {
        Path bin = binaries();
        RequiredService.executables(".ci/run (apt-get install postgresql)", bin.resolve("initdb"), bin.resolve("pg_ctl"));
        Path dir = Files.createTempDirectory("safework-pg-");
        PrivatePostgres postgres = new PrivatePostgres(bin, dir, HubProcess.freePort());
        if (asRoot()) {
            run(List.of("chown", "-R", "postgres", dir.toString()));
        }
        postgres.pg(List.of("initdb", "-D", postgres.data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8"));
        postgres.resume();
        return postgres;
    }

    /** The newest /usr/lib/postgresql/<version>/bin. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return root.resolve("missing").resolve("bin");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(root.resolve("missing")).resolve("bin");
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Starts the server (again) and waits until it accepts connections. */
    void resume() throws Exception {
        pg(List.of("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
    }

    /** Stops the server: every connection is closed, new ones are refused. */
    void pause() throws Exception {
        pg(List.of("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pause();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void pg(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read while it runs: a full pipe would block the program.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(output));
        }
    }
}
