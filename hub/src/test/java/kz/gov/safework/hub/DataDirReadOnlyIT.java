package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.hub.FaultCount.Kind;
import kz.gov.safework.testing.NothingMoreArrives;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's disk fault: the data dir of the packaged hub made unwritable for 30 s while reports arrive, then
 * writable again. The reports are delayed, not lost and not dead-lettered; readiness shows {@code broker} or
 * {@code store-outage} DOWN meanwhile and recovers; afterwards every report has one judgement, one receipt and one
 * feed message.
 *
 * <p>Permissions do not stop root, and tests run as root (locally and in CI), so this hub runs as the unprivileged
 * user 65534 ({@code setpriv}, util-linux) in a data dir it owns, and the test takes the write permission away from
 * every file and folder of that dir. Before relying on it, the test checks that user 65534 really can no longer
 * create a file there, and fails if it can: a disk that did not become read-only proves nothing.
 *
 * <p>The embedded broker's journal ({@code data/broker/}) is read-only too: Artemis meets a critical IO error
 * ({@code AMQ222010}) and stops its server; the hub starts a new one once the journal's disk takes writes again
 * ({@code JournalWatchdog}). The agency's client reconnects and sends again what the broker had not confirmed.
 */
class DataDirReadOnlyIT {
    private static final int BEFORE = 10;
    private static final int DURING = 20;
    private static final Duration READ_ONLY = Duration.ofSeconds(30);
    private static final String NOBODY = "65534";
    private static final List<String> AS_NOBODY = List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
            "--clear-groups", "--");
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";
    private static final Set<String> OUTAGE_CHECKS = Set.of("broker", "store-outage");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void reportsArrivingWhileTheDataDirIsReadOnlyAreDelayedNotLostNorDeadLettered() throws Exception {
        RequiredService.executables(".ci/run (util-linux)", Path.of("/usr/bin/setpriv"));
        if (run(List.of("true")) != 0) {
            String why = "setpriv cannot switch to user " + NOBODY + " (the test must run as root)";
            if (RequiredService.required()) {
                fail(why + " (CI=true: the disk fault must run, not be skipped)");
            }
            Assumptions.abort(why);
        }
        // The hub's user must reach its data dir: JUnit makes the temporary folder for root only.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(work.resolve("data"));
        chown(data);

        FaultCount count = new FaultCount("data-dir-read-only", null);
        Map<String, String> reportByMessageId = new ConcurrentHashMap<>();
        Map<String, Integer> receipts = new HashMap<>();
        HubProcess hub = new HubProcess(data, Map.of()).launchedBy(AS_NOBODY);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (HubProcess running = hub.start();
             AgencyClient astana = AgencyClient.reconnecting(hub.brokerPort, "akimat-astana",
                     QueueChannelIT.password("akimat-astana"));
             AgencyClient reader = AgencyClient.reconnecting(hub.brokerPort, "akimat-astana",
                     QueueChannelIT.password("akimat-astana"));
             MessageConsumer receiptsIn = reader.session().createConsumer(reader.session().createQueue(RECEIPTS))) {
            List<String> during = new CopyOnWriteArrayList<>();
            Set<String> seenDown = ConcurrentHashMap.newKeySet();
            send(astana, BEFORE, reportByMessageId, new ArrayList<>());

            assertThat(data.resolve("messages")).as("the message log's folder").isDirectory();
            readOnly(data, true);
            for (Path folder : List.of(data, data.resolve("messages"), data.resolve("broker"),
                    data.resolve("broker/journal"))) {
                assertThat(run(List.of("/usr/bin/touch", folder.resolve("write-probe").toString())))
                        .as("user %s can still create a file in %s: the fault did not happen", NOBODY, folder)
                        .isNotZero();
            }
            long outageStarted = System.nanoTime();
            // Sent from a thread of its own: once the broker has stopped, a send waits for the client to reconnect.
            Future<?> sending = sender.submit(() -> {
                send(astana, DURING, reportByMessageId, during);
                return null;
            });
            // Which part meets the read-only disk first decides which check goes DOWN: the broker's journal (Artemis
            // stops its server, AMQ222010) or the store (the pipeline waits out the outage). Either way not ready.
            await("readiness shows the outage").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(outageChecks(hub, seenDown)).isNotEmpty());
            // The rest of the 30 s, checked throughout: still not ready, nothing dead-lettered, no report sent during
            // the outage answered (it waits; receipts of reports judged before it may still come).
            Duration left = READ_ONLY.minusNanos(System.nanoTime() - outageStarted);
            await().during(left).atMost(left.plusSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                Set<String> down = outageChecks(hub, seenDown);
                assertThat(down).as("checks DOWN while the disk is read-only").isNotEmpty();
                if (!down.contains("broker")) { // else the operator API answers broker_unavailable, the client waits
                    assertThat(HubInvariants.deadLetterCount(hub)).as("dead letters during the outage").isZero();
                    drain(receiptsIn, receipts, 100);
                }
                assertThat(during).as("reports sent during the outage that were answered during it")
                        .noneMatch(receipts::containsKey);
            });
            readOnly(data, false);

            await("ready again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        HttpResponse<String> ready = QueueChannelIT.request(hub, "/observe/health/ready", null);
                        assertThat(ready.statusCode()).as("readiness after the disk takes writes again: %s",
                                ready.body()).isEqualTo(200);
                    });
            sending.get(60, TimeUnit.SECONDS);
            assertThat(during).hasSize(DURING);
            await("every report answered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        drain(receiptsIn, receipts, 200);
                        assertThat(receipts.keySet()).containsAll(reportByMessageId.keySet());
                    });
            drain(receiptsIn, receipts, NothingMoreArrives.REDELIVERY_WINDOW.toMillis());
            Map<String, Integer> feed = HubInvariants.feedPerReport(hub);
            int deadLetters = HubInvariants.deadLetterCount(hub);
            hub.stop();

            reportByMessageId.forEach((messageId, reportId) -> count.sent(messageId)
                    .expect(Kind.RECEIPTS, messageId).expect(Kind.JUDGED, reportId).expect(Kind.FEED, reportId));
            receipts.forEach((messageId, n) -> count.saw(Kind.RECEIPTS, messageId, n));
            feed.forEach((reportId, n) -> count.saw(Kind.FEED, reportId, n));
            FaultCount.judgedPer(FaultCount.h2(data), "report_id")
                    .forEach((reportId, n) -> count.saw(Kind.JUDGED, reportId, n));
            count.note("dlq", deadLetters).note("seconds-read-only", READ_ONLY.toSeconds())
                    .note("broker-down", seenDown.contains("broker") ? 1 : 0)
                    .note("store-outage-down", seenDown.contains("store-outage") ? 1 : 0);
            count.printAndAssertExact();
            assertThat(deadLetters).isZero();
        } catch (Throwable e) {
            count.failed(data, "DataDirReadOnlyIT");
            throw e;
        } finally {
            sender.shutdownNow();
            readOnly(data, false); // whatever happened, JUnit must be able to delete it
        }
    }

    private static void send(AgencyClient astana, int n, Map<String, String> reportByMessageId, List<String> ids)
            throws Exception {
        for (int i = 0; i < n; i++) {
            String reportId = Reports.newId();
            String id = astana.sendText(Reports.akimatAstana(reportId), Map.of());
            reportByMessageId.put(id, reportId);
            ids.add(id);
        }
    }

    /** Reads receipts from a consumer opened before the outage (opening one waits while the client reconnects). */
    private static void drain(MessageConsumer consumer, Map<String, Integer> receipts, long firstWaitMillis)
            throws Exception {
        for (Message m = consumer.receive(firstWaitMillis); m != null; m = consumer.receive(100)) {
            assertThat(JSON.readTree(AgencyClient.text(m)).path("status").asText()).isEqualTo("ACCEPTED");
            receipts.merge(m.getJMSCorrelationID(), 1, Integer::sum);
        }
    }

    /**
     * Which of the checks a disk fault can take DOWN ({@code broker}, {@code store-outage}) readiness shows DOWN,
     * added to {@code seen}; also asserts that readiness as a whole is not ready while one is.
     */
    private static Set<String> outageChecks(HubProcess hub, Set<String> seen) throws Exception {
        HttpResponse<String> ready = hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/observe/health/ready")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Set<String> down = new TreeSet<>();
        for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
            String name = check.path("name").asText();
            if (OUTAGE_CHECKS.contains(name) && "DOWN".equals(check.path("state").asText())) {
                down.add(name);
            }
        }
        if (!down.isEmpty()) {
            assertThat(ready.statusCode()).as("readiness with %s DOWN", down).isNotEqualTo(200);
        }
        seen.addAll(down);
        return down;
    }

    /** Takes the write permission away from (or gives it back to) every file and folder of the data dir. */
    private static void readOnly(Path data, boolean readOnly) throws Exception {
        assertThat(exec(List.of("chmod", "-R", readOnly ? "a-w" : "u+w", data.toString()))).isZero();
    }

    private static void chown(Path data) throws Exception {
        assertThat(exec(List.of("chown", "-R", NOBODY + ":" + NOBODY, data.toString()))).isZero();
    }

    /** Runs a command as user 65534; @return its exit code */
    private static int run(List<String> command) throws Exception {
        List<String> all = new ArrayList<>(AS_NOBODY);
        all.addAll(command);
        return exec(all);
    }

    private static int exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("still running after 30 s: " + command);
        }
        return p.exitValue();
    }
}
