package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import kz.gov.safework.testing.NothingMoreArrives;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's high availability as production runs it (README, Production topology): deploy/artemis.sh's replicated
 * primary/backup pair, the packaged hub on the pair's HA URL, an agency on the failover URL of both nodes. While
 * reports stream in and the hub is judging and answering them, the primary gets {@code kill -9}: the backup becomes
 * active with the replicated journal, the hub and the agency reconnect to it, and every report has exactly one
 * judgement, one receipt and one feed message (none lost in the broker's or the hub's flight, none twice after a
 * rolled-back transaction or a resent send). Then the hub is restarted while the primary stays dead (its HA URL names
 * both nodes), and a report sent to the backup's own address alone gets its receipt. Last, both are restarted: the
 * primary is started again while reports keep streaming in, paced by their receipts, and becomes the active backup's
 * replica; then the backup gets {@code kill -9} in turn, the primary takes over, the hub and the agency reconnect to
 * it, and a report sent to the primary's own address gets its receipt. The counts cover every phase.
 * The agency sets {@code _AMQ_DUPL_ID} (its report id), as README asks: a send the client repeats because the
 * primary died before confirming it is dropped by the backup's replicated duplicate-id cache.
 * The hub stores on PostgreSQL (a schema of its own on {@code .ci/postgres.sh}'s server), as production does: its
 * transactions span the broker's fail-over, and the judgements are counted there.
 */
class BrokerFailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "akimat-astana";
    private static final int REPORTS = 80;
    private static final int KILL_AFTER = 30;
    /** Streams while the pair changes: reports awaiting their receipt at any time, sent after the change, sent at most. */
    private static final int IN_FLIGHT = 20;
    private static final int TAIL = 20;
    private static final int STREAM_MAX = 2_000;
    private static final String SCHEMA = "broker_failover_it";

    @TempDir
    Path data;

    @Test
    // A pair left with no active node would block the agency's failover client for ever: fail instead of hanging CI.
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theBackupTakesOverUnderLoadAndEveryReportIsAnsweredOnce() throws Exception {
        long t0 = System.nanoTime();
        Properties pg = RequiredService.properties("postgres.properties", ".ci/postgres.sh");
        String url = TwoHubsIT.freshSchema(pg, SCHEMA);
        FaultCount count = new FaultCount("broker-failover", null);
        try (StandaloneArtemis pair = StandaloneArtemis.startPair();
             HubProcess hub = new HubProcess(data, onPostgres(pair.hubSettings(), url, pg)).start()) {
            long started = System.nanoTime();
            try (AgencyClient astana = AgencyClient.at(pair.agencyFailoverUrl(), LOGIN, QueueChannelIT.password(LOGIN));
                 AgencyClient mtszn = AgencyClient.at(pair.agencyFailoverUrl(), "mtszn", QueueChannelIT.password("mtszn"))) {
                for (int i = 0; i < REPORTS; i++) {
                    reportIds.add(Reports.newId());
                }
                CompletableFuture<Void> kill = null;
                for (int i = 0; i < REPORTS; i++) {
                    if (i == KILL_AFTER) {
                        // Once the hub has fed its first report it is judging and answering the others; the rest
                        // of the reports race the kill.
                        Message first = mtszn.receive("mtszn.feed", null, 60_000);
                        assertThat(first).as("a first feed message before the kill").isNotNull();
                        delivered.add("mtszn.feed " + first.getJMSMessageID());
                        feed(feedSeen, first);
                        kill = async(() -> assertThat(pair.kill("primary")).as("primary running").isTrue());
                    }
                    String reportId = reportIds.get(i);
                    reportIdByMessageId.put(astana.sendText(Reports.akimatAstana(reportId),
                            Map.of("_AMQ_DUPL_ID", reportId)), reportId);
                }
                kill.get();
                assertThat(pair.log("backup")).as("backup log").contains("AMQ221007"); // Server is now active

                everyReportAnswered(astana, mtszn);
                // The hub restarted while the primary is dead: it finds the active broker through the other address
                // of its URL (a URL naming only the primary would leave it without a broker).
                hub.stop();
                hub.start();
                // After the fail-over: the backup's own address, with no failover URL, answers a new report.
                answeredAtItsOwnAddress(pair.backupPort, "the backup's address after the fail-over");

                everyReportAnswered(astana, mtszn);

                // Both restarted: the primary is started again while reports keep streaming in; it finds the backup
                // active and becomes its replica (no automatic fail-back, deploy/artemis.sh). Then the backup gets
                // kill -9 in turn, still under load: the primary takes over with the journal it kept in step, and the
                // hub and the agency reconnect to it.
                sentWhilePrimaryRestarted = streamUntil(astana, async(pair::restartPrimary));
                assertThat(pair.log("primary")).as("primary log after its restart").contains("AMQ221024");
                inFlightAtBackupKill = reportIdByMessageId.size() - receiptsSeen.size();
                // The backup may be gone already: an active node that times out waiting for a starting replica to
                // confirm its copy shuts itself down (seen once on a loaded machine), and the primary takes over.
                streamUntil(astana, async(() -> backupGoneBeforeItsKill = pair.kill("backup") ? 0 : 1));
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                        assertThat(pair.log("primary")).as("primary log").contains("AMQ221007")); // now active
                everyReportAnswered(astana, mtszn);
                answeredAtItsOwnAddress(pair.port, "the primary's address after the backup's death");
                // A duplicate would come behind what was drained: wait out a redelivery.
                drain(astana, "receipts.AKIMAT-ASTANA", NothingMoreArrives.REDELIVERY_WINDOW.toMillis(),
                        m -> receiptsSeen.merge(m.getJMSCorrelationID(), 1, Integer::sum));
                drain(mtszn, "mtszn.feed", NothingMoreArrives.REDELIVERY_WINDOW.toMillis(),
                        m -> feed(feedSeen, m));
                feedSeen.forEach((reportId, n) -> {
                    if (n > 1) {
                        System.out.println("BROKER-FAILOVER feed of report " + reportId + " (report " + reportIds.indexOf(reportId)
                                + " of " + reportIds.size() + " sent): " + feedMessages.get(reportId));
                    }
                });
            } catch (AssertionError | Exception e) {
                reportIdByMessageId.keySet().forEach(count::sent);
                receiptsSeen.forEach((messageId, n) -> count.saw(FaultCount.Kind.RECEIPTS, messageId, n));
                feedSeen.forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
                count.failed(data, "BrokerFailoverIT");
                throw e;
            }
            hub.stop();
            reportIdByMessageId.forEach((messageId, reportId) -> count.sent(messageId)
                    .expect(FaultCount.Kind.RECEIPTS, messageId).expect(FaultCount.Kind.FEED, reportId)
                    .expect(FaultCount.Kind.JUDGED, reportId));
            receiptsSeen.forEach((messageId, n) -> count.saw(FaultCount.Kind.RECEIPTS, messageId, n));
            feedSeen.forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
            FaultCount.judgedPer(DriverManager.getConnection(url, pg.getProperty("user"), pg.getProperty("password")),
                    "report_id").forEach((reportId, n) -> count.saw(FaultCount.Kind.JUDGED, reportId, n));
            count.note("killed-primary-after", KILL_AFTER);
            count.note("sent-while-primary-restarted", sentWhilePrimaryRestarted);
            count.note("awaiting-their-receipt-at-backup-kill", inFlightAtBackupKill);
            count.note("backup-gone-before-its-kill", backupGoneBeforeItsKill);
            count.note("redelivered-to-the-test-client", redeliveredToTheTest);
            // Kept for reading how the hub's Artemis client went over to the backup.
            java.nio.file.Files.copy(data.resolve("hub.log"), Path.of("target", "BrokerFailoverIT-hub.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("BROKER-FAILOVER pair and hub up after %d s, done after %d s%n",
                    (started - t0) / 1_000_000_000, (System.nanoTime() - t0) / 1_000_000_000);
            count.printAndAssertExact();
        }
    }

    private static Map<String, String> onPostgres(Map<String, String> settings, String url, Properties pg) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(Map.of("hub.db.url", url, "hub.db.user", pg.getProperty("user"),
                "hub.db.password", pg.getProperty("password")));
        return all;
    }

    /** Reports sent, in order; the report of each message id sent; receipts by correlation and feed messages by report. */
    private final List<String> reportIds = new ArrayList<>();
    private final Map<String, String> reportIdByMessageId = new HashMap<>();
    private final Map<String, Integer> receiptsSeen = new HashMap<>();
    private final Map<String, Integer> feedSeen = new HashMap<>();

    interface Action {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> async(Action action) {
        return CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Sends reports while the action runs and {@link #TAIL} more after it, paced by the hub's own answers: at most
     * {@link #IN_FLIGHT} wait for their receipt, so the hub is judging and answering whenever the nodes change places.
     * Returns how many were sent before the action was done.
     */
    private int streamUntil(AgencyClient astana, CompletableFuture<Void> action) throws Exception {
        int before = reportIds.size();
        int tail = 0;
        try (var receipts = astana.session().createConsumer(astana.session().createQueue("receipts.AKIMAT-ASTANA"))) {
            while (tail < TAIL && reportIds.size() - before < STREAM_MAX) {
                if (action.isDone()) {
                    tail++;
                }
                if (reportIds.size() - before >= IN_FLIGHT) {
                    Message m = receipts.receive(60_000);
                    assertThat(m).as("a receipt while the pair changes").isNotNull();
                    took("receipts.AKIMAT-ASTANA", m, r -> receiptsSeen.merge(r.getJMSCorrelationID(), 1, Integer::sum));
                }
                String reportId = Reports.newId();
                reportIds.add(reportId);
                reportIdByMessageId.put(astana.sendText(Reports.akimatAstana(reportId),
                        Map.of("_AMQ_DUPL_ID", reportId)), reportId);
            }
        }
        action.get(3, java.util.concurrent.TimeUnit.MINUTES);
        return reportIds.size() - before - tail;
    }

    /** Drains the agency's receipts and the feed until every report sent so far has both. */
    private void everyReportAnswered(AgencyClient astana, AgencyClient mtszn) {
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).untilAsserted(() -> {
            drain(astana, "receipts.AKIMAT-ASTANA", 200, m -> receiptsSeen.merge(m.getJMSCorrelationID(), 1, Integer::sum));
            drain(mtszn, "mtszn.feed", 200, m -> feed(feedSeen, m));
            assertThat(receiptsSeen.keySet()).as("receipts").containsAll(reportIdByMessageId.keySet());
            assertThat(feedSeen.keySet()).as("feed").containsAll(reportIds);
        });
    }

    /** A new report sent to one node's own address, with no failover URL, gets its ACCEPTED receipt there. */
    private void answeredAtItsOwnAddress(int port, String where) throws Exception {
        String reportId = Reports.newId();
        try (AgencyClient direct = new AgencyClient(port, LOGIN, QueueChannelIT.password(LOGIN))) {
            String messageId = direct.sendText(Reports.akimatAstana(reportId), Map.of("_AMQ_DUPL_ID", reportId));
            reportIdByMessageId.put(messageId, reportId);
            reportIds.add(reportId);
            Message m = direct.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + messageId + "'", 60_000);
            assertThat(m).as("receipt on " + where).isNotNull();
            JsonNode receipt = JSON.readTree(AgencyClient.text(m));
            assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
            assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
            receiptsSeen.merge(messageId, 1, Integer::sum);
        }
    }

    /** Each feed message of a report as the ministry saw it (printed for a report fed twice): which, when, which submission. */
    private final Map<String, List<String>> feedMessages = new HashMap<>();

    private void feed(Map<String, Integer> feedSeen, Message m) throws Exception {
        String reportId = feedReportId(m);
        feedSeen.merge(reportId, 1, Integer::sum);
        feedMessages.computeIfAbsent(reportId, r -> new ArrayList<>()).add(m.getJMSMessageID() + " at "
                + java.time.Instant.ofEpochMilli(m.getJMSTimestamp()) + " redelivered=" + m.getJMSRedelivered()
                + " submission=" + JSON.readTree(AgencyClient.text(m)).path("submissionId").asText());
    }

    private static String feedReportId(Message m) throws Exception {
        return JSON.readTree(AgencyClient.text(m)).path("report").path("reportId").asText();
    }

    interface Handler {
        void accept(Message m) throws Exception;
    }

    /**
     * Messages this test's own clients took, by queue and message id. A message the primary delivered to the test
     * whose acknowledgement died with it comes again from the backup with the same message id: that is the broker
     * keeping its promise to the test's client, not a second answer of the hub's, which would have an id of its own.
     */
    private final Set<String> delivered = new HashSet<>();
    private int redeliveredToTheTest;
    /** Reports sent while the primary was started again; reports awaiting their receipt when the backup was killed. */
    private int sentWhilePrimaryRestarted;
    private int inFlightAtBackupKill;
    private volatile int backupGoneBeforeItsKill;

    private void drain(AgencyClient client, String queue, long quietMillis, Handler handler) throws Exception {
        try (var consumer = client.session().createConsumer(client.session().createQueue(queue))) {
            Message m;
            while ((m = consumer.receive(quietMillis)) != null) {
                took(queue, m, handler);
            }
        }
    }

    /** A message the test took: handled the first time, counted as the broker's redelivery when its id comes again. */
    private void took(String queue, Message m, Handler handler) throws Exception {
        if (delivered.add(queue + " " + m.getJMSMessageID())) {
            handler.accept(m);
        } else {
            redeliveredToTheTest++;
        }
    }
}
