package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first ten minutes, as a newcomer has them: the packaged hub in its demo run, then {@code examples/tour.sh}
 * and every snippet of the README's "Try it" section, pasted into bash as they stand (only the default ports are
 * swapped for this run's). Each must print its receipts, and the hub's log must hold no WARN or ERROR line beyond
 * the short allow-list below.
 */
class TourIT {
    private static final Path ROOT = Path.of(System.getProperty("hub.config-dir")).toAbsolutePath().normalize().getParent();
    private static final Pattern LEVEL = Pattern.compile("^\\S+ (WARN|ERROR) ");
    /** Lines a normal demo run may log at WARN or above; each with the reason it is not a problem. */
    private static final List<Pattern> ALLOWED = List.of();

    @TempDir
    static Path data;
    private static HubProcess hub;

    @BeforeAll
    static void start() throws IOException {
        hub = new HubProcess(data.resolve("hub"), Map.of()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        HubProcess.closeAll(hub);
    }

    @Test
    void tourPrintsFourReceiptsAndAConsolidationAndTheReadmeSnippetsWork() throws Exception {
        String tour = run(List.of("bash", ROOT.resolve("examples/tour.sh").toString()), ROOT);
        assertThat(count(tour, "\"submissionId\"")).as(tour).isEqualTo(4); // STOMP twice, SFTP, mail
        assertThat(tour).contains("\"status\":\"ACCEPTED\"", "\"status\":\"REJECTED\"", "\"code\":\"AGENCY_MISMATCH\"");
        assertThat(tour).containsPattern("consolidation [0-9a-f-]{36} DRAFT version \\d+");
        assertThat(tour).containsPattern("after the tour\\n(ACCEPTED|ACCEPTED_LATE|CORRECTED)\\n");

        Path workdir = Files.createDirectories(data.resolve("newcomer"));
        Files.createSymbolicLink(workdir.resolve("schemas"), ROOT.resolve("schemas"));
        Files.createSymbolicLink(workdir.resolve("examples"), ROOT.resolve("examples"));
        String snippets = run(List.of("bash", "-euo", "pipefail", "-c", readmeTryIt()), workdir);
        assertThat(snippets).contains("\"channel\":\"sftp\"", "\"channel\":\"jms\"", "\"channel\": \"mail\"");

        List<String> problems = new ArrayList<>();
        for (String line : hub.log().split("\n")) {
            if (LEVEL.matcher(line).find() && ALLOWED.stream().noneMatch(p -> p.matcher(line).find())) {
                problems.add(line);
            }
        }
        assertThat(problems).as("WARN/ERROR lines in a normal demo run").isEmpty();
    }

    /** The README's "Try it" snippets after the tour's own, with this run's ports in place of the defaults. */
    private static String readmeTryIt() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Try it"), readme.indexOf("## The contract"));
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        StringBuilder script = new StringBuilder();
        while (block.find()) {
            if (!block.group(1).contains("examples/tour.sh")) {
                script.append(block.group(1)).append('\n');
            }
        }
        assertThat(script).as("README's Try it snippets").isNotEmpty();
        return script.toString()
                .replace("127.0.0.1:2222", "127.0.0.1:" + hub.sftpPort)
                .replace("127.0.0.1:3025", "127.0.0.1:" + hub.smtpPort);
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "HUB_HTTP_PORT", String.valueOf(hub.httpPort),
                "HUB_BROKER_PORT", String.valueOf(hub.brokerPort),
                "HUB_SFTP_PORT", String.valueOf(hub.sftpPort),
                "HUB_SMTP_PORT", String.valueOf(hub.smtpPort),
                "HUB_IMAP_PORT", String.valueOf(hub.imapPort)));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
