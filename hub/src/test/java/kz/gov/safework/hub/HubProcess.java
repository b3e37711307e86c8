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

/**
 * The packaged hub as an outside process, the way an operator starts it: {@code java -jar}, its own
 * data dir, free ports. {@link #kill()} is a SIGKILL (kill -9); {@link #start()} again reuses the data.
 */
public final class HubProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    private final Map<String, String> extra;
    public final int httpPort;
    public final int brokerPort;
    public final int sftpPort;
    public final int smtpPort;
    public final int imapPort;
    private Process process;

    public HubProcess(Path dataDir, Map<String, String> extra) throws IOException {
        this.dataDir = dataDir;
        this.log = dataDir.resolve("hub.log");
        this.extra = extra;
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.sftpPort = freePort();
        this.smtpPort = freePort();
        this.imapPort = freePort();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public HubProcess start() throws IOException {
        Files.createDirectories(dataDir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dhub.config-dir=" + System.getProperty("hub.config-dir"),
                "-Dhub.data-dir=" + dataDir,
                "-Dhub.http.port=" + httpPort,
                "-Dhub.broker.port=" + brokerPort,
                "-Dhub.broker.host=127.0.0.1",
                "-Dhub.sftp.port=" + sftpPort,
                "-Dhub.mail.embedded.smtp-port=" + smtpPort,
                "-Dhub.mail.embedded.imap-port=" + imapPort));
        extra.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(System.getProperty("hub.jar"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hub exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url("/observe/health"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String log() throws IOException {
        return Files.readString(log);
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
}
