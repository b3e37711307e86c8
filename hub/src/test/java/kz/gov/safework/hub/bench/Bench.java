package kz.gov.safework.hub.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.hub.HubProcess;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The hub beside the broker it sits on, in one run on one machine: the packaged hub (JMS channel: {@code reports.in}
 * → receipt on {@code receipts.AKIMAT-ASTANA}) and the same Artemis alone doing one transacted hop per document
 * ({@link RawBroker}, at the hub's {@code hub.consumers}), both driven by the same {@link Driver} with the same
 * {@link Documents}. Writes {@code <date>.md} and {@code <date>.png} into the results directory.
 */
public final class Bench {
    private static final String AGENCY_LOGIN = "akimat-astana";
    private static final String HUB_RECEIPTS = "receipts.AKIMAT-ASTANA";
    /** The ministry's login that reads the feed, as it would during a campaign. */
    private static final String FEED_LOGIN = "mtszn";
    private static final String FEED = "mtszn.feed";
    private static final int PRODUCERS = 4;

    /** How long and how wide: {@link #FULL} for the committed results, {@link #SMOKE} for {@code mvn verify}. */
    public record Plan(String name, Duration warmup, Duration point, List<Integer> sweep, int largeInFlight,
                       Duration latency, Duration drain) {
    }

    public static final Plan FULL = new Plan("full", Duration.ofSeconds(15), Duration.ofSeconds(12),
            List.of(1, 4, 16, 64, 200), 16, Duration.ofSeconds(20), Duration.ofSeconds(120));
    public static final Plan SMOKE = new Plan("smoke", Duration.ofSeconds(2), Duration.ofSeconds(2),
            List.of(1, 16), 4, Duration.ofSeconds(2), Duration.ofSeconds(60));

    private final Plan plan;
    private final Path repo;
    private final Path work;
    private final Path results;
    private final List<String> hubJvmArgs;
    private final Signing signing;
    private final StringBuilder log = new StringBuilder();

    /**
     * @param repo the repository root (config/, schemas/examples/)
     * @param work scratch directory for the data of both systems
     * @param results where {@code <date>.md} and {@code .png} go
     * @param hubJvmArgs more JVM options for the hub (a flight recording)
     * @param signing    the hub's signing key: each answer (receipt, feed message) is signed with it
     */
    public Bench(Plan plan, Path repo, Path work, Path results, List<String> hubJvmArgs, Signing signing) {
        this.signing = signing;
        this.plan = plan;
        this.repo = repo;
        this.work = work;
        this.results = results;
        this.hubJvmArgs = hubJvmArgs;
    }

    /**
     * The key the hub signs its answers with, two signatures per document: the demo key the hub makes (RSA 3072), or
     * a keystore given in its settings ({@code hub.signing.*}), described for the report.
     */
    public record Signing(String description, Map<String, String> hubSettings) {
        public static final Signing DEMO = new Signing("the demo key the hub makes at first start (RSA 3072, RS256)",
                Map.of());
    }

    /** What one system did with one kind of document at its maximum rate. */
    record Max(Documents documents, Driver.Result result, double cpuSecondsPerDocument,
               Map<String, double[]> stages) {
    }

    /** Everything the report is written from. */
    record Report(Path markdown, Path png, Map<String, Max> hubMax, Map<String, Max> rawMax,
                  List<Driver.Result> hubSweep, List<Driver.Result> rawSweep, Driver.Result hubLatency,
                  Driver.Result rawLatency, long hubIdleHeap, long hubLoadedHeap, long rawIdleHeap,
                  long rawLoadedHeap) {
    }

    public Report run() throws Exception {
        String loadBefore = loadAverage();
        Properties config = properties(repo.resolve("config/application.properties"));
        int consumers = Integer.parseInt(config.getProperty("hub.consumers"));
        Properties credentials = properties(repo.resolve("config/demo-credentials.properties"));
        String password = credentials.getProperty(AGENCY_LOGIN);
        Path examples = repo.resolve("schemas/examples/valid");
        Documents json = Documents.json(examples);
        Documents xml = Documents.xml(examples);
        List<Documents> kinds = List.of(json, xml, json.mebibyte(), xml.mebibyte());

        System.setProperty("hub.config-dir", repo.resolve("config").toString());
        Files.createDirectories(work);
        int rawPort = HubProcess.freePort();
        Process raw = startRaw(work.resolve("raw"), rawPort, consumers);
        try (HubProcess hub = new HubProcess(work.resolve("hub"), signing.hubSettings(), null, hubJvmArgs).start();
             Driver toHub = new Driver("tcp://127.0.0.1:" + hub.brokerPort, AGENCY_LOGIN, password, HUB_RECEIPTS, true);
             Driver toRaw = new Driver("tcp://127.0.0.1:" + rawPort, null, null, RawBroker.OUT, false);
             Connection feed = feedReader(hub.brokerPort, credentials.getProperty(FEED_LOGIN))) {
            Probe hubProbe = new Probe(hub.pid());
            Probe rawProbe = new Probe(raw.pid());
            long hubIdleHeap = hubProbe.heapAfterFullGc();
            long rawIdleHeap = rawProbe.heapAfterFullGc();
            HttpClient http = HttpClient.newHttpClient();
            String metricsUrl = hub.url("/observe/metrics");

            say("warm-up " + plan.warmup().toSeconds() + " s each");
            toHub.run(new Driver.Load(json, PRODUCERS, 64, 0, plan.warmup()), plan.drain());
            toRaw.run(new Driver.Load(json, PRODUCERS, 64, 0, plan.warmup()), plan.drain());

            List<Driver.Result> hubSweep = new ArrayList<>();
            List<Driver.Result> rawSweep = new ArrayList<>();
            for (int inFlight : plan.sweep()) {
                hubSweep.add(measure("hub", toHub, new Driver.Load(json, PRODUCERS, inFlight, 0, plan.point())));
                rawSweep.add(measure("raw", toRaw, new Driver.Load(json, PRODUCERS, inFlight, 0, plan.point())));
            }

            Map<String, Max> hubMax = new LinkedHashMap<>();
            Map<String, Max> rawMax = new LinkedHashMap<>();
            int widest = plan.sweep().get(plan.sweep().size() - 1);
            for (Documents kind : kinds) {
                int inFlight = kind.bytes() > Documents.MIB / 2 ? plan.largeInFlight() : widest;
                Driver.Load load = new Driver.Load(kind, PRODUCERS, inFlight, 0, plan.point());
                StageTimes before = StageTimes.parse(get(http, metricsUrl));
                hubMax.put(kind.name(), max("hub", toHub, hubProbe, load, before, http, metricsUrl));
                rawMax.put(kind.name(), max("raw", toRaw, rawProbe, load, null, http, metricsUrl));
            }

            double hubBest = hubSweep.stream().mapToDouble(Driver.Result::documentsPerSecond).max().orElse(0);
            hubBest = Math.max(hubBest, hubMax.get(json.name()).result().documentsPerSecond());
            double half = Math.max(1, hubBest / 2);
            say(String.format(Locale.ROOT, "latency at %.1f documents/s (half of the hub's %.1f)", half, hubBest));
            Driver.Load paced = new Driver.Load(json, PRODUCERS, 10_000, half, plan.latency());
            Driver.Result hubLatency = measure("hub", toHub, paced);
            Driver.Result rawLatency = measure("raw", toRaw, paced);

            long hubLoadedHeap = hubProbe.heapAfterFullGc();
            long rawLoadedHeap = rawProbe.heapAfterFullGc();
            String loadAfter = loadAverage();
            Report report = write(hubMax, rawMax, hubSweep, rawSweep, hubLatency, rawLatency, hubIdleHeap,
                    hubLoadedHeap, rawIdleHeap, rawLoadedHeap, loadBefore, loadAfter, consumers);
            System.out.println(Files.readString(report.markdown()));
            return report;
        } finally {
            raw.destroy();
            if (!raw.waitFor(30, TimeUnit.SECONDS)) {
                raw.destroyForcibly().waitFor();
            }
        }
    }

    private Max max(String system, Driver driver, Probe probe, Driver.Load load, StageTimes before, HttpClient http,
                    String metricsUrl) throws Exception {
        double cpu = probe.cpuSeconds();
        Driver.Result result = measure(system, driver, load);
        double cpuPerDocument = result.answered() > 0 ? (probe.cpuSeconds() - cpu) / result.answered() : Double.NaN;
        Map<String, double[]> stages = before == null ? Map.of() : StageTimes.parse(get(http, metricsUrl)).since(before);
        return new Max(load.documents(), result, cpuPerDocument, stages);
    }

    private Driver.Result measure(String system, Driver driver, Driver.Load load) throws Exception {
        Driver.Result r = driver.run(load, plan.drain());
        say(String.format(Locale.ROOT, "%-3s %-10s in flight %5d rate %6.1f: %5d sent %5d answered %5d accepted,"
                        + " %7.1f documents/s, p50 %.1f p99 %.1f ms", system, load.documents().name(), load.inFlight(),
                load.rate(), r.sent(), r.answered(), r.accepted(), r.documentsPerSecond(), r.percentileMillis(50),
                r.percentileMillis(99)));
        return r;
    }

    /** Reads and drops {@code mtszn.feed}, so the hub's broker does not hold every accepted report in memory. */
    private static Connection feedReader(int port, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection(FEED_LOGIN,
                password);
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(FEED)).setMessageListener(message -> { });
        connection.start();
        return connection;
    }

    private Process startRaw(Path dir, int port, int consumers) throws Exception {
        Files.createDirectories(dir);
        Path lib = Path.of(System.getProperty("hub.jar")).getParent().resolve("lib");
        String classes = Path.of(RawBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", lib + "/*" + java.io.File.pathSeparator + classes, RawBroker.class.getName(),
                dir.toString(), Integer.toString(port), Integer.toString(consumers))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains(RawBroker.READY)) {
                        ready.complete(null);
                    }
                }
                // The output ends a moment before the process does: wait for its exit code rather than ask too early.
                String exit = process.waitFor(10, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
                ready.completeExceptionally(new IllegalStateException("raw broker's output ended (" + exit + ")"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ready.completeExceptionally(e);
            }
        }, "raw-broker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private Report write(Map<String, Max> hubMax, Map<String, Max> rawMax, List<Driver.Result> hubSweep,
                         List<Driver.Result> rawSweep, Driver.Result hubLatency, Driver.Result rawLatency,
                         long hubIdleHeap, long hubLoadedHeap, long rawIdleHeap, long rawLoadedHeap,
                         String loadBefore, String loadAfter, int consumers) throws IOException {
        Files.createDirectories(results);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'"));
        String base = plan.name().equals("full") ? stamp : plan.name();
        Path md = results.resolve(base + ".md");
        Path png = results.resolve(base + ".png");

        StringBuilder s = new StringBuilder();
        s.append("# Benchmark ").append(stamp).append(" (").append(plan.name()).append(" run)\n\n");
        s.append("Hub (packaged jar, JMS channel, `reports.in` → receipt) beside the same Artemis alone doing one ")
                .append("transacted hop per document (receive, persistent send, commit) with ").append(consumers)
                .append(" consumers (`hub.consumers`). One client for both: Artemis CORE JMS, ").append(PRODUCERS)
                .append(" producer threads, persistent sends, a bounded number of documents in flight; every ")
                .append("document carries a fresh report id; the ministry's login reads `mtszn.feed` meanwhile. Both ")
                .append("JVMs at -Xmx256m. The hub signs each receipt and feed message with ")
                .append(signing.description()).append(".\n\n");
        s.append("## Machine\n\n").append(machine()).append('\n');
        s.append("- load average before: ").append(loadBefore).append(", after: ").append(loadAfter)
                .append(" (1/5/15 min; above the core count means other work shared the machine during the run)\n\n");

        s.append("## Maximum rate per document\n\n");
        s.append("| document | in flight | hub documents/s | raw documents/s | hub ÷ raw | hub CPU ms/document "
                + "| raw CPU ms/document | hub accepted/answered/sent |\n|---|---|---|---|---|---|---|---|\n");
        for (String kind : hubMax.keySet()) {
            Max h = hubMax.get(kind);
            Max r = rawMax.get(kind);
            s.append(String.format(Locale.ROOT, "| %s (%d bytes) | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %d/%d/%d |%n",
                    kind, h.documents().bytes(), h.result().load().inFlight(), h.result().documentsPerSecond(),
                    r.result().documentsPerSecond(), ratio(h.result(), r.result()), h.cpuSecondsPerDocument() * 1000,
                    r.cpuSecondsPerDocument() * 1000, h.result().accepted(), h.result().answered(), h.result().sent()));
        }

        s.append("\n## Documents/s against documents in flight (JSON 6.6 KB)\n\n");
        s.append("| in flight | hub | raw | hub ÷ raw |\n|---|---|---|---|\n");
        for (int i = 0; i < hubSweep.size(); i++) {
            s.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f |%n", hubSweep.get(i).load().inFlight(),
                    hubSweep.get(i).documentsPerSecond(), rawSweep.get(i).documentsPerSecond(),
                    ratio(hubSweep.get(i), rawSweep.get(i))));
        }

        s.append(String.format(Locale.ROOT, "%n## Latency send → answer at %.1f documents/s (50 %% of the hub's maximum)"
                + "%n%n| system | answered | p50 ms | p95 ms | p99 ms |%n|---|---|---|---|---|%n", hubLatency.load().rate()));
        for (Driver.Result r : List.of(hubLatency, rawLatency)) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", r == hubLatency ? "hub" : "raw",
                    r.answered(), r.percentileMillis(50), r.percentileMillis(95), r.percentileMillis(99)));
        }

        s.append("\n## Heap after a full GC\n\n| system | idle | after the load |\n|---|---|---|\n");
        s.append(String.format(Locale.ROOT, "| hub | %.1f MiB | %.1f MiB |%n| raw | %.1f MiB | %.1f MiB |%n",
                hubIdleHeap / 1048576.0, hubLoadedHeap / 1048576.0, rawIdleHeap / 1048576.0, rawLoadedHeap / 1048576.0));

        Max small = hubMax.values().iterator().next();
        s.append("\n## Hub stages during the ").append(small.documents().name())
                .append(" maximum-rate run (Micrometer timers at `/observe/metrics`)\n\n")
                .append("Mean time per exchange; routes nest (jms-intake includes judge, which includes feed-publish and "
                        + "receipt-return).\n\n")
                .append("| timer and route | exchanges | mean ms |\n|---|---|---|\n");
        small.stages().forEach((stage, v) -> s.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f |%n", stage, v[1], v[0])));

        s.append("\n## Targets (issue 13)\n\n| target | measured | |\n|---|---|---|\n");
        double r = ratio(small.result(), rawMax.values().iterator().next().result());
        s.append(String.format(Locale.ROOT, "| hub ÷ raw ≥ 0.5 | %.2f | %s |%n", r, r >= 0.5 ? "met" : "missed"));
        double p99 = hubLatency.percentileMillis(99);
        s.append(String.format(Locale.ROOT, "| p99 ≤ 100 ms at half the maximum | %.1f ms | %s |%n", p99,
                p99 <= 100 ? "met" : "missed"));
        double cpu = small.cpuSecondsPerDocument() * 1000;
        s.append(String.format(Locale.ROOT, "| CPU ≤ 2 ms per 6.6 KB document | %.2f ms | %s |%n", cpu,
                cpu <= 2 ? "met" : "missed"));
        s.append("| heap after GC draining 100,000 documents within 10 % of idle | not measured by this benchmark | |\n");

        s.append("\n## Log\n\n```\n").append(log).append("```\n");
        Files.writeString(md, s.toString());

        Chart.draw(png, "Safe Labour hub vs raw Artemis, " + stamp + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores (" + plan.name() + " run)",
                series("hub (send → receipt)", hubSweep, hubLatency), series("raw Artemis, one hop", rawSweep, rawLatency));
        return new Report(md, png, hubMax, rawMax, hubSweep, rawSweep, hubLatency, rawLatency, hubIdleHeap,
                hubLoadedHeap, rawIdleHeap, rawLoadedHeap);
    }

    private static Chart.Series series(String name, List<Driver.Result> sweep, Driver.Result latency) {
        return new Chart.Series(name, sweep.stream().map(r -> r.load().inFlight()).toList(),
                sweep.stream().map(Driver.Result::documentsPerSecond).toList(),
                new double[] {latency.percentileMillis(50), latency.percentileMillis(95), latency.percentileMillis(99)});
    }

    private static double ratio(Driver.Result hub, Driver.Result raw) {
        return raw.documentsPerSecond() > 0 ? hub.documentsPerSecond() / raw.documentsPerSecond() : Double.NaN;
    }

    private String machine() throws IOException {
        StringBuilder m = new StringBuilder();
        m.append("- cores: ").append(Runtime.getRuntime().availableProcessors());
        firstLine(Path.of("/proc/cpuinfo"), "model name").ifPresent(l -> m.append(", ").append(l.replaceFirst(".*:\\s*", "")));
        m.append('\n');
        firstLine(Path.of("/proc/meminfo"), "MemTotal").ifPresent(l -> m.append("- memory: ")
                .append(l.replaceFirst(".*:\\s*", "")).append('\n'));
        FileStore store = Files.getFileStore(work);
        m.append("- disk of the journals: ").append(store.name()).append(" (").append(store.type()).append(")\n");
        m.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        return m.toString();
    }

    private static java.util.Optional<String> firstLine(Path file, String prefix) throws IOException {
        if (!Files.isReadable(file)) {
            return java.util.Optional.empty();
        }
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        }
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "unknown";
        }
        String[] parts = Files.readString(loadavg).trim().split("\\s+");
        return parts[0] + " / " + parts[1] + " / " + parts[2];
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private void say(String line) {
        System.out.println("[bench] " + line);
        log.append(line).append('\n');
    }
}
