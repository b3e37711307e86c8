package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import kz.gov.safework.testing.NothingMoreArrives;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged hubs sharing one PostgreSQL database and one standalone Artemis (deploy/artemis.sh), as production runs
 * them. The broker is a process of its own, not one hub's embedded broker: killing a hub must not take the broker
 * with it. Reports stream into {@code reports.in}, where both hubs compete for them, and the hub that runs the
 * singleton poller of the Ministry of Health's SFTP server (OpenSSH, {@code .ci/sftp.sh}) is killed with kill -9
 * mid-stream: every report is judged once (submission rows), answered once and fed once, and a file dropped on the
 * agency's server after the kill is taken once, by the other hub, once the dead one's lease has expired.
 */
class TwoHubsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPORTS = 60;
    private static final int KILL_AFTER = 20;
    private static final String SCHEMA = "two_hubs_it";
    private static final String POLLER = "sftp-remote-MZ";
    private static final String REMINDERS_EVERY_2S = "quartz://cycle/reminders?cron=0/2+*+*+*+*+?&stateful=true"
            + "&deleteJob=false&recoverableJob=true";
    private static final String REMOTE_INBOX = "two-hubs-in";
    private static final String REMOTE_RECEIPTS = "two-hubs-receipts";
    /** The routes that run on one hub at a time (README, Production topology), each under its own lease. */
    private static final java.util.Set<String> SINGLETONS = java.util.Set.of("mail-intake", "mail-outbox-relay",
            "cycle-outbox-relay", POLLER);

    @TempDir
    Path dir;

    @Test
    void reportsAreJudgedOnceAndTheKilledHubsPollerMovesToTheOtherHub() throws Exception {
        Properties pg = RequiredService.properties("postgres.properties", ".ci/postgres.sh");
        Properties sftp = RequiredService.properties("sftp.properties", ".ci/sftp.sh");
        String url = freshSchema(pg, SCHEMA);
        Path home = Path.of(sftp.getProperty("home"));
        Path inbox = remoteFolder(home.resolve(REMOTE_INBOX), sftp.getProperty("user"));
        Path receipts = remoteFolder(home.resolve(REMOTE_RECEIPTS), sftp.getProperty("user"));
        Path config = configPollingMz(sftp);

        FaultCount count = new FaultCount("two-hubs-kill", null);
        Map<String, Integer> receiptsSeen = new HashMap<>();
        Map<String, Integer> feedSeen = new HashMap<>();
        Map<String, String> reportIdByMessageId = new HashMap<>();
        try (StandaloneArtemis broker = StandaloneArtemis.start()) {
            Map<String, String> common = new HashMap<>(broker.hubSettings());
            common.putAll(Map.of("hub.config-dir", config.toString(), "hub.db.url", url,
                    "hub.db.user", pg.getProperty("user"), "hub.db.password", pg.getProperty("password"),
                    "hub.cluster.lease", "PT3S", "hub.sftp-remote.poll-delay", "300",
                    "hub.sftp-remote.stable-interval", "300",
                    // the reminders job every 2 s instead of every quarter hour (no reminder is due in December)
                    "hub.cycle.reminders.trigger", REMINDERS_EVERY_2S));
            Map<String, HubProcess> hubs = new HashMap<>();
            hubs.put("hub-1", new HubProcess(dir.resolve("hub-1"), with(common, "hub.cluster.instance-id", "hub-1")));
            // The SFTP drop box is one instance's (README, Production topology): hub-2 has none.
            hubs.put("hub-2", new HubProcess(dir.resolve("hub-2"), with(with(common, "hub.cluster.instance-id", "hub-2"),
                    "hub.sftp.port", "0")));
            try (HubProcess one = hubs.get("hub-1"); HubProcess two = hubs.get("hub-2");
                 AgencyClient astana = new AgencyClient(broker.port, "akimat-astana",
                         QueueChannelIT.password("akimat-astana"));
                 AgencyClient mtszn = new AgencyClient(broker.port, "mtszn", QueueChannelIT.password("mtszn"))) {
                long t0 = System.nanoTime();
                // Started side by side, as an orchestrator would; Flyway serialises their migrations.
                one.launch();
                two.launch();
                one.awaitHealthy();
                two.awaitHealthy();
                long started = System.nanoTime();

                // Before the kill: the holder of the poller's lease takes a file from the agency's server.
                String holder = await().atMost(Duration.ofSeconds(30)).until(() -> holder(url, pg), Optional::isPresent)
                        .orElseThrow();
                String survivor = holder.equals("hub-1") ? "hub-2" : "hub-1";
                Map<String, String> singletonsBefore = await().atMost(Duration.ofSeconds(30))
                        .until(() -> holders(url, pg), h -> h.keySet().equals(SINGLETONS));
                String before = Reports.newId();
                drop(inbox, "before.json", Reports.json(before, "MZ", 2022, "10", null));
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(receipts.resolve("before.json.receipt.json")));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    System.out.println("TWO-HUBS holder " + holder + " log:\n" + relevant(hubs.get(holder).log()));
                    throw e;
                }

                List<String> reportIds = new ArrayList<>();
                for (int i = 0; i < REPORTS; i++) {
                    reportIds.add(Reports.newId());
                }
                for (int i = 0; i < KILL_AFTER; i++) {
                    reportIdByMessageId.put(astana.sendText(Reports.akimatAstana(reportIds.get(i)), Map.of()),
                            reportIds.get(i));
                }
                hubs.get(holder).kill();
                long killedAt = System.currentTimeMillis();
                String after = Reports.newId();
                drop(inbox, "after.json", Reports.json(after, "MZ", 2022, "10", null));
                for (int i = KILL_AFTER; i < REPORTS; i++) {
                    reportIdByMessageId.put(astana.sendText(Reports.akimatAstana(reportIds.get(i)), Map.of()),
                            reportIds.get(i));
                }

                // After the kill: the survivor takes the lease over once it expired, and with it the file.
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(receipts.resolve("after.json.receipt.json")));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    // What the survivor did instead: CI keeps no data dirs, so its log's relevant lines go to the output.
                    System.out.println("TWO-HUBS survivor " + survivor + " log:\n" + relevant(hubs.get(survivor).log()));
                    System.out.println("TWO-HUBS remote inbox now: " + listing(inbox) + ", receipts: " + listing(receipts));
                    throw e;
                }
                // The lease is short (3 s) and renewed by the survivor while it lives: read at one instant on a loaded
                // machine it can be between an expiry and its renewal, so the test waits for the survivor to hold it
                // (a lease that stays with the dead hub, or with nobody, still fails here).
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> holder(url, pg), h -> h.equals(Optional.of(survivor)));
                // Not only the poller: every singleton the killed hub ran moves, once its lease expired.
                Map<String, String> singletonsAfter = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> holders(url, pg), h -> h.keySet().equals(SINGLETONS)
                                && h.values().stream().allMatch(survivor::equals));
                System.out.println("TWO-HUBS singletons before the kill of " + holder + ": " + singletonsBefore
                        + "; after: " + singletonsAfter);
                await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).untilAsserted(() -> {
                    drain(astana, "receipts.AKIMAT-ASTANA", 200, m -> receiptsSeen.merge(m.getJMSCorrelationID(), 1, Integer::sum));
                    drain(mtszn, "mtszn.feed", 200, m -> feedSeen.merge(feedReportId(m), 1, Integer::sum));
                    assertThat(receiptsSeen.keySet()).as("receipts").containsAll(reportIdByMessageId.keySet());
                    assertThat(feedSeen.keySet()).as("feed").containsAll(reportIds);
                });
                // A duplicate would come behind what was drained: wait out a redelivery.
                drain(astana, "receipts.AKIMAT-ASTANA", NothingMoreArrives.REDELIVERY_WINDOW.toMillis(),
                        m -> receiptsSeen.merge(m.getJMSCorrelationID(), 1, Integer::sum));
                drain(mtszn, "mtszn.feed", NothingMoreArrives.REDELIVERY_WINDOW.toMillis(),
                        m -> feedSeen.merge(feedReportId(m), 1, Integer::sum));

                reportIdByMessageId.forEach((messageId, reportId) -> count.sent(messageId)
                        .expect(FaultCount.Kind.RECEIPTS, messageId).expect(FaultCount.Kind.FEED, reportId)
                        .expect(FaultCount.Kind.JUDGED, reportId));
                for (String file : List.of(before, after)) {
                    count.sent(file).expect(FaultCount.Kind.JUDGED, file).expect(FaultCount.Kind.FEED, file)
                            .expect(FaultCount.Kind.RECEIPTS, file);
                }
                receiptsSeen.forEach((messageId, n) -> count.saw(FaultCount.Kind.RECEIPTS, messageId, n));
                count.saw(FaultCount.Kind.RECEIPTS, before, receiptFiles(receipts, "before.json"));
                count.saw(FaultCount.Kind.RECEIPTS, after, receiptFiles(receipts, "after.json"));
                feedSeen.forEach((reportId, n) -> count.saw(FaultCount.Kind.FEED, reportId, n));
                FaultCount.judgedPer(DriverManager.getConnection(url, pg.getProperty("user"), pg.getProperty("password")),
                        "report_id").forEach((reportId, n) -> count.saw(FaultCount.Kind.JUDGED, reportId, n));
                count.note("killed-" + holder, 1);
                // The scheduled job: each due time ran on one instance, never on two or twice; after the kill the
                // survivor runs it (Quartz' cluster check-in finds the dead instance and recovers what it held).
                Map<Long, List<String>> runs = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> reminderRuns(hubs), r -> r.entrySet().stream().anyMatch(run -> run.getKey() > killedAt
                                && run.getValue().contains(survivor)));
                long twice = runs.values().stream().filter(on -> on.size() > 1).count();
                count.note("reminders-due-times", runs.size()).note("reminders-due-times-run-twice", twice);
                System.out.println("TWO-HUBS cycle/reminders due times run on " + holder + ": "
                        + runs.values().stream().filter(on -> on.contains(holder)).count() + ", on " + survivor + ": "
                        + runs.values().stream().filter(on -> on.contains(survivor)).count() + ", twice: " + twice
                        + "; on " + survivor + " after the kill: " + runs.entrySet().stream()
                        .filter(run -> run.getKey() > killedAt && run.getValue().contains(survivor)).count());
                assertThat(runs.entrySet().stream().filter(run -> run.getValue().size() > 1).toList())
                        .as("due times of cycle/reminders that ran twice").isEmpty();
                // Which instance ran the poller: the killed one took it first, the survivor once, after the kill.
                assertThat(takeOvers(hubs.get(holder).log())).as(holder + " log").isEqualTo(1);
                assertThat(takeOvers(hubs.get(survivor).log())).as(survivor + " log").isEqualTo(1);
                System.out.printf("TWO-HUBS %s ran on %s until its kill, then on %s (hubs healthy after %d s, done after %d s)%n",
                        POLLER, holder, survivor, (started - t0) / 1_000_000_000, (System.nanoTime() - t0) / 1_000_000_000);
                count.printAndAssertExact();
                assertThat(takenRemotely(url, pg)).as("files recorded as taken from the agency's server").isEqualTo(2);
            }
        }
    }

    /** A copy of config/ in which the Ministry of Health has its own SFTP server: the OpenSSH server of .ci/sftp.sh. */
    private Path configPollingMz(Properties sftp) throws Exception {
        Path config = HubProcess.copyConfig(dir.resolve("config"));
        Path agencies = config.resolve("agencies.yaml");
        String remote = "    remoteSftp:\n"
                + "      host: " + sftp.getProperty("host") + "\n"
                + "      port: " + sftp.getProperty("port") + "\n"
                + "      user: " + sftp.getProperty("user") + "\n"
                + "      privateKey: " + sftp.getProperty("privateKey") + "\n"
                + "      knownHosts: \"" + sftp.getProperty("knownHosts") + "\"\n"
                + "      inbox: " + REMOTE_INBOX + "\n"
                + "      receipts: " + REMOTE_RECEIPTS + "\n";
        String yaml = Files.readString(agencies);
        assertThat(yaml).contains("  - code: MZ\n");
        Files.writeString(agencies, yaml.replace("  - code: MZ\n", "  - code: MZ\n" + remote));
        return config;
    }

    /** An empty folder on the agency's server, owned by its SFTP user (the hub moves files out and writes there). */
    private static Path remoteFolder(Path folder, String user) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(folder);
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setOwner(folder, owner);
        return folder;
    }

    /** Writes a file as the agency's own system would: under a temporary name, then renamed. */
    private static void drop(Path inbox, String name, String content) throws Exception {
        Path temp = inbox.resolve("." + name + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, inbox.resolve(name));
    }

    private static int receiptFiles(Path receipts, String name) throws Exception {
        try (Stream<Path> files = Files.list(receipts)) {
            return (int) files.filter(f -> f.getFileName().toString().equals(name + ".receipt.json")).count();
        }
    }

    /** The instance holding the poller's lease now, if it has not expired. */
    /** The JDBC URL of {@code schema} on the shared PostgreSQL ({@code pg}), emptied first: the hubs' database. */
    static String freshSchema(Properties pg, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.getProperty("url"), pg.getProperty("user"),
                pg.getProperty("password")); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return pg.getProperty("url") + (pg.getProperty("url").contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static Optional<String> holder(String url, Properties pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, pg.getProperty("user"), pg.getProperty("password"));
             PreparedStatement ps = c.prepareStatement(
                     "SELECT holder FROM cluster_lease WHERE namespace = ? AND expires_at > ?")) {
            ps.setString(1, POLLER);
            ps.setLong(2, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Who holds each singleton's unexpired lease now, by singleton. */
    private static Map<String, String> holders(String url, Properties pg) throws SQLException {
        Map<String, String> holders = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, pg.getProperty("user"), pg.getProperty("password"));
             PreparedStatement ps = c.prepareStatement("SELECT namespace, holder FROM cluster_lease WHERE expires_at > ?")) {
            ps.setLong(1, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return holders;
    }

    private static long takenRemotely(String url, Properties pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, pg.getProperty("user"), pg.getProperty("password"));
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sftp_remote_taken WHERE processor_name = ?")) {
            ps.setString(1, POLLER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The lines of a hub's log about the poller, its lease, the files it took, and every warning or error. */
    private static String relevant(String log) {
        return log.lines().filter(l -> l.contains(POLLER) || l.contains("after.json") || l.contains("Cluster lease")
                || l.contains(" WARN ") || l.contains(" ERROR ")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(f -> folder.relativize(f).toString()).sorted().toList();
        }
    }

    /** Each due time of the reminders job that a hub's log says it ran for, with the hubs that ran it. */
    private static Map<Long, List<String>> reminderRuns(Map<String, HubProcess> hubs) throws Exception {
        java.util.regex.Pattern run = java.util.regex.Pattern.compile(
                kz.gov.safework.cycle.CycleRoutes.SCHEDULED_RUN + " cycle/reminders for due time (\\d+)");
        Map<Long, List<String>> runs = new java.util.TreeMap<>();
        for (Map.Entry<String, HubProcess> hub : hubs.entrySet()) {
            java.util.regex.Matcher m = run.matcher(hub.getValue().log());
            while (m.find()) {
                runs.computeIfAbsent(Long.parseLong(m.group(1)), t -> new ArrayList<>()).add(hub.getKey());
            }
        }
        return runs;
    }

    /** How often the hub's log says it took the poller's lease. */
    private static long takeOvers(String log) {
        String line = "Cluster lease " + POLLER + ": instance '";
        return log.lines().filter(l -> l.contains(line) && l.contains("now runs this singleton")).count();
    }

    private static String feedReportId(Message m) throws Exception {
        return JSON.readTree(AgencyClient.text(m)).path("report").path("reportId").asText();
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(key, value);
        return more;
    }

    interface Handler {
        void accept(Message m) throws Exception;
    }

    private static void drain(AgencyClient client, String queue, long quietMillis, Handler handler) throws Exception {
        try (var consumer = client.session().createConsumer(client.session().createQueue(queue))) {
            Message m;
            while ((m = consumer.receive(quietMillis)) != null) {
                handler.accept(m);
            }
        }
    }
}
