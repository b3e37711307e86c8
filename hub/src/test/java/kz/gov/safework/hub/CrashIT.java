package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while 1,000 reports are in flight, restart, and prove every report ends with exactly one
 * receipt, one feed message and one stored submission.
 */
class CrashIT {
    private static final int REPORTS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void everyReportEndsWithExactlyOneReceiptFeedMessageAndSubmissionAfterAKill() throws Exception {
        HubProcess hub = new HubProcess(data, Map.of()).start();
        Map<String, String> reportIdByMessageId = new HashMap<>();
        Map<String, Integer> receipts = new HashMap<>();
        Map<String, Integer> feed = new HashMap<>();
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                QueueChannelIT.password("akimat-astana"))) {
            List<String> reportIds = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < REPORTS; i++) {
                reportIds.add(Reports.newId());
                bodies.add(Reports.akimatAstana(reportIds.get(i)));
            }
            List<String> messageIds = astana.sendTextsAtOnce(bodies);
            for (int i = 0; i < REPORTS; i++) {
                reportIdByMessageId.put(messageIds.get(i), reportIds.get(i));
            }
            // In flight: the hub has answered some, not all (checked against its database after the kill).
            Message first = astana.receive("receipts.AKIMAT-ASTANA", null, 60_000);
            assertThat(first).isNotNull();
            count(receipts, first.getJMSCorrelationID());
        }
        hub.kill();
        // The kill proves something only if reports were still unjudged at that moment: the database of the dead
        // hub says how many it had judged. All of them judged would make this test pass vacuously: inconclusive.
        long judgedAtKill = judged();
        assertThat(judgedAtKill).as("reports judged when the hub was killed (must be fewer than sent)")
                .isLessThan(REPORTS);
        System.out.printf("CrashIT: %d of %d reports judged at the kill, %d receipts seen%n",
                judgedAtKill, REPORTS, receipts.size());

        hub.start();
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, "akimat-astana",
                QueueChannelIT.password("akimat-astana"));
             AgencyClient mtszn = new AgencyClient(hub.brokerPort, "mtszn", QueueChannelIT.password("mtszn"))) {
            await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO).untilAsserted(() -> {
                drain(astana, "receipts.AKIMAT-ASTANA", m -> count(receipts, m.getJMSCorrelationID()));
                drain(mtszn, "mtszn.feed", m -> count(feed,
                        JSON.readTree(AgencyClient.text(m)).path("report").path("reportId").asText()));
                // On a time-out the counts say how far the hub got.
                assertThat(new int[] {receipts.size(), feed.size()})
                        .as("distinct receipts and feed messages of %d reports", REPORTS)
                        .containsExactly(REPORTS, REPORTS);
            });
            // Anything sent twice would be queued behind what we drained: drain once more, waiting out a redelivery.
            drainUntilQuiet(astana, "receipts.AKIMAT-ASTANA", m -> count(receipts, m.getJMSCorrelationID()));
            drainUntilQuiet(mtszn, "mtszn.feed", m -> count(feed,
                    JSON.readTree(AgencyClient.text(m)).path("report").path("reportId").asText()));
        }
        hub.stop();

        FaultCount count = new FaultCount("kill-during-1000", null);
        reportIdByMessageId.forEach((messageId, reportId) -> count.sent(messageId).expect(FaultCount.Kind.RECEIPTS, messageId)
                .expect(FaultCount.Kind.FEED, reportId).expect(FaultCount.Kind.JUDGED, reportId));
        receipts.forEach((messageId, n) -> count.saw(FaultCount.Kind.RECEIPTS, messageId, n));
        feed.forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
        FaultCount.judgedPer(database(), "report_id").forEach((reportId, n) -> count.saw(FaultCount.Kind.JUDGED, reportId, n));
        count.note("judged-at-kill", judgedAtKill).printAndAssertExact();
        try (Connection c = database();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*), COUNT(DISTINCT report_id), SUM(CASE WHEN status = 'ACCEPTED' THEN 1 ELSE 0 END)"
                             + " FROM submission")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(REPORTS);
            assertThat(rs.getLong(2)).isEqualTo(REPORTS);
            assertThat(rs.getLong(3)).isEqualTo(REPORTS);
        }
    }

    private Connection database() throws java.sql.SQLException {
        return FaultCount.h2(data);
    }

    private long judged() throws java.sql.SQLException {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM submission")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Long enough to see a late duplicate: the broker redelivers a rolled-back envelope after
     * {@code hub.broker.redelivery-delay-ms} (1 s, doubling), and judging it takes well under a second more.
     */
    private static final long QUIET_MS = 5_000;

    private static void drainUntilQuiet(AgencyClient client, String queue, Handler handler) throws Exception {
        try (var consumer = client.session().createConsumer(client.session().createQueue(queue))) {
            Message m;
            while ((m = consumer.receive(QUIET_MS)) != null) {
                handler.accept(m);
            }
        }
    }

    interface Handler {
        void accept(Message m) throws Exception;
    }

    private static void drain(AgencyClient client, String queue, Handler handler) throws Exception {
        try (var consumer = client.session().createConsumer(client.session().createQueue(queue))) {
            Message m;
            while ((m = consumer.receive(200)) != null) {
                handler.accept(m);
            }
        }
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }

    static Set<String> keys(Map<String, Integer> m) {
        return m.keySet();
    }
}
