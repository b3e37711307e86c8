package kz.gov.safework.hub;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The packaged hub as an outside process, the way an operator starts it: {@code java -jar}, its own
 * data dir, free ports. {@link #kill()} is a SIGKILL (kill -9); {@link #start()} again reuses the data.
 */
public final class HubProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    private final Map<String, String> extra;
    private final HttpClient http;
    private final List<String> jvmArgs;
    public final int httpPort;
    /** hub.https.port from the extra properties, or 0: then {@link #url} is https and plain HTTP is off. */
    public final int httpsPort;
    public final int brokerPort;
    public final int sftpPort;
    public final int smtpPort;
    public final int imapPort;
    private Process process;
    private List<String> launcher = List.of();

    public HubProcess(Path dataDir, Map<String, String> extra) throws IOException {
        this(dataDir, extra, null);
    }

    /** @param tls trusts the hub's HTTPS certificate (with hub.https.port among the extras), or null */
    public HubProcess(Path dataDir, Map<String, String> extra, SSLContext tls) throws IOException {
        this(dataDir, extra, tls, List.of());
    }

    /** @param jvmArgs more JVM options before {@code -jar} (the benchmark's flight recording) */
    public HubProcess(Path dataDir, Map<String, String> extra, SSLContext tls, List<String> jvmArgs) throws IOException {
        this.dataDir = dataDir;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.log = dataDir.resolve("hub.log");
        this.extra = extra;
        this.httpsPort = Integer.parseInt(extra.getOrDefault("hub.https.port", "0"));
        this.http = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.sftpPort = freePort();
        this.smtpPort = freePort();
        this.imapPort = freePort();
    }

    /**
     * Starts the hub through {@code launcher} from now on, e.g. {@code setpriv --reuid=65534 ... --} to run it as an
     * unprivileged user (a test that takes the data dir's write permission away). The launcher must exec the JVM, so
     * that {@link #kill()} and {@link #stop()} reach the hub itself.
     */
    public HubProcess launchedBy(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
        return this;
    }

    /**
     * A port nothing listens on, never the same twice in one JVM, and never one another test JVM can be given: the
     * system tests run in two JVMs at once (failsafe forkCount, {@code it.fork} is its fork number), each hub binds
     * its ports only seconds after they were chosen, and a port the kernel hands out for {@code bind(0)} could meanwhile
     * go to the other JVM. So each fork takes ports from its own block below the kernel's ephemeral range
     * (32768 and up), which outgoing connections never use either. Within its block a JVM starts at a place of its
     * own (from its process id), so that two builds on one machine (two worktrees) rarely reach for the same port.
     */
    public static synchronized int freePort() throws IOException {
        int fork = fork();
        int first = PORTS_FROM + (fork - 1) % PORT_BLOCKS * PORT_BLOCK;
        for (int tries = 0; tries < PORT_BLOCK; tries++) {
            int port = first + nextPort++ % PORT_BLOCK;
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("0.0.0.0"))) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // taken by something outside the tests: the next one
            }
        }
        throw new IOException("no free port in " + first + ".." + (first + PORT_BLOCK - 1));
    }

    /** A copy of the hub's config directory in {@code target}, for a test that registers more than the demo has. */
    static Path copyConfig(Path target) throws IOException {
        Path original = Path.of(System.getProperty("hub.config-dir"));
        try (java.util.stream.Stream<Path> files = Files.walk(original)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(original.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** The failsafe fork this JVM is ({@code it.fork}, "fork1", "fork2"...), 1 outside failsafe's forks. */
    static int fork() {
        String fork = System.getProperty("it.fork", "");
        if (fork.isEmpty()) {
            return 1;
        }
        if (!fork.matches("fork[0-9]{1,3}")) {
            // Two JVMs that cannot tell each other apart would pick the same ports: fail, do not guess.
            throw new IllegalStateException("it.fork is not fork<number>: " + fork);
        }
        return Integer.parseInt(fork.substring(4));
    }

    private static final int PORTS_FROM = 20000;
    private static final int PORT_BLOCK = 3000;
    private static final int PORT_BLOCKS = 4;
    private static int nextPort = (int) (ProcessHandle.current().pid() * 211 % PORT_BLOCK);

    /** Starts the hub and waits until {@code /observe/health} says every check is UP. */
    public HubProcess start() throws IOException {
        return start("/observe/health");
    }

    /**
     * Starts the hub and waits until {@code readyPath} answers 200: {@code /observe/health/ready} for a test that
     * expects a check outside readiness to stay DOWN.
     */
    public HubProcess start(String readyPath) throws IOException {
        launch();
        try {
            awaitReady(readyPath);
        } catch (RuntimeException | Error e) {
            // start() failed inside a try-with-resources header: close() will not run, so no process may outlive it.
            process.destroyForcibly();
            throw e;
        }
        return this;
    }

    /** Starts the hub's process and returns at once, without waiting for it (a test that watches the start itself). */
    public HubProcess launch() throws IOException {
        Files.createDirectories(dataDir);
        // One line per hub JVM started, in the build's output: how many the system tests start is most of their time.
        System.out.println("hub.start " + dataDir);
        process = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    /** Waits until {@code /observe/health} says every check is UP, for a hub started with {@link #launch()}. */
    public HubProcess awaitHealthy() {
        awaitReady("/observe/health");
        return this;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    private void awaitReady(String readyPath) {
        // Generous: on a loaded machine the hub can take more than a minute to start.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hub exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url(readyPath))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Starts the hub with extra environment variables and waits for it to exit by itself (a start that
     * must be refused). @return the exit code; the output is in {@link #log()}
     */
    public int runUntilExit(Map<String, String> environment, Duration timeout) throws Exception {
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Hub still running after " + timeout + ":\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", // as the README's Run command: a hub out of memory exits
                "-Dhub.config-dir=" + System.getProperty("hub.config-dir"),
                "-Dhub.data-dir=" + dataDir,
                "-Dhub.http.port=" + httpPort,
                "-Dhub.broker.port=" + brokerPort,
                "-Dhub.broker.host=127.0.0.1",
                "-Dhub.sftp.port=" + sftpPort,
                "-Dhub.mail.embedded.smtp-port=" + smtpPort,
                "-Dhub.mail.embedded.imap-port=" + imapPort));
        extra.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(System.getProperty("hub.jar"));
        return cmd;
    }

    public String url(String path) {
        return httpsPort > 0 ? "https://127.0.0.1:" + httpsPort + path : "http://127.0.0.1:" + httpPort + path;
    }

    /** An HTTP client for {@link #url}: with HTTPS it trusts the test CA given at construction. */
    public HttpClient http() {
        return http;
    }

    /** Where this hub keeps its data (its SFTP host key, message log, database). */
    public Path dataDir() {
        return dataDir;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The running hub's process id (the benchmark reads its CPU time and heap through it). */
    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * Closes each of {@code open} that is not null, in order (the clients before their hub), as a test class's
     * {@code @AfterAll} does; every one is tried, and the first failure is thrown afterwards.
     */
    static void closeAll(AutoCloseable... open) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : open) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
