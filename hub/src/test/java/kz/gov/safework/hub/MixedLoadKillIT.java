package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.jms.Message;
import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.hub.FaultCount.Kind;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's fault harness: a steady mixed stream of documents over AMQP, STOMP, the SFTP drop box and mail at once
 * (valid, invalid, and exact copies of earlier valid ones), {@code kill -9} of the packaged hub at {@value #KILLS}
 * random moments with a restart after each, then the backlog drained. Afterwards every document has exactly one
 * judgement, one receipt on its own channel (queue receipt, SFTP receipt file, mail reply), one feed message per
 * accepted report, and the DLQ is empty.
 *
 * <p>The senders behave as an agency's system would: a send that failed because the hub was down is sent again, with
 * the same identity ({@code _AMQ_DUPL_ID} on the queue, the same file name over SFTP), so the hub must not judge it
 * twice. The mail server is the test's own GreenMail (an outside mailbox that survives the hub, as a real one does),
 * not the hub's embedded one, which lives and dies with the hub's process.
 *
 * <p>The kill moments come from a seeded Random (the seed is printed; {@code -Dfault.seed=N} replays the run's
 * document mix and kill moments, though not the threads' interleaving).
 */
class MixedLoadKillIT {
    private static final int KILLS = 5;
    private static final int AMQP_DOCS = 90;
    private static final int STOMP_DOCS = 90;
    private static final int SFTP_DOCS = 60;
    private static final int MAIL_DOCS = 40;
    private static final String ASTANA = "akimat-astana";
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";
    private static final String HUB_MAIL = "reports@hub.local";
    private static final String MZ_MAIL = "mz@agency.hub.local";
    private static final String AUTHSERV = "mx.fault.test";
    private static final Pattern SFTP_RECEIPT = Pattern.compile("(sftp-\\d+\\.json)\\.([0-9A-Za-z-]+)\\.receipt\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private GreenMail mailServer;
    private final Map<String, String> statusByKey = new ConcurrentHashMap<>();

    /** One document to send: its key (channel-unique identity), its bytes, and what it is. */
    record Doc(String key, byte[] bytes, String reportId, Type type) {
        String sha256() {
            return Sha256.hex(bytes);
        }
    }

    enum Type {
        VALID, INVALID, COPY
    }

    @BeforeEach
    void startMailServer() throws Exception {
        mailServer = new GreenMail(new ServerSetup[] {
                new ServerSetup(HubProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(HubProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mailServer.start();
        mailServer.setUser(HUB_MAIL, "reports", "reports-secret");
        mailServer.setUser(MZ_MAIL, "mz", "mz-secret");
    }

    @AfterEach
    void stopMailServer() {
        mailServer.stop();
    }

    @Test
    void everyDocumentOfAMixedLoadIsJudgedAndAnsweredOnceThroughFiveKills() throws Exception {
        long seed = Long.getLong("fault.seed", System.nanoTime());
        System.out.println("FAULT mixed-kill seed=" + seed + " (replay with -Dfault.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Doc> amqp = docs(random, "amqp", AMQP_DOCS, () -> astanaReport(random), () -> astanaInvalid(random));
        List<Doc> stomp = docs(random, "stomp", STOMP_DOCS, () -> astanaReport(random), () -> astanaInvalid(random));
        List<Doc> sftp = docs(random, "sftp", SFTP_DOCS, () -> astanaReport(random), () -> astanaInvalid(random));
        List<Doc> mail = docs(random, "mail", MAIL_DOCS, () -> mzReport(random), () -> astanaReport(random));
        int total = amqp.size() + stomp.size() + sftp.size() + mail.size();
        List<Integer> killAt = new ArrayList<>();
        for (int i = 0; i < KILLS - 1; i++) {
            killAt.add(total / 10 + random.nextInt(total * 8 / 10));
        }
        killAt.sort(null);
        killAt.add(total); // the last one while the backlog drains

        HubProcess hub = new HubProcess(data, Map.ofEntries(
                Map.entry("hub.mail.embedded", "false"),
                Map.entry("hub.mail.imap.enabled", "true"),
                Map.entry("hub.mail.imap.host", "127.0.0.1"),
                Map.entry("hub.mail.imap.port", Integer.toString(mailServer.getImap().getPort())),
                Map.entry("hub.mail.imap.user", "reports"),
                Map.entry("hub.mail.imap.password", "reports-secret"),
                Map.entry("hub.mail.imap.tls", "false"),
                Map.entry("hub.mail.imap.poll-delay", "500"),
                Map.entry("hub.mail.smtp.host", "127.0.0.1"),
                Map.entry("hub.mail.smtp.port", Integer.toString(mailServer.getSmtp().getPort())),
                Map.entry("hub.mail.smtp.tls", "false"),
                Map.entry("hub.mail.from", HUB_MAIL),
                Map.entry("hub.mail.trusted-authserv-id", AUTHSERV)));
        FaultCount count = new FaultCount("mixed-kill", seed);
        Map<String, String> amqpKeyByMessageId = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        Semaphore pace = new Semaphore(0);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        int kills = 0;
        try {
            hub.start();
            // A steady stream: about 15 documents a second over all channels, bursting a little after a restart.
            ticker.scheduleAtFixedRate(() -> {
                if (pace.availablePermits() < 8) {
                    pace.release();
                }
            }, 0, 60, TimeUnit.MILLISECONDS);
            List<Future<?>> running = List.of(
                    senders.submit(() -> sendAll(amqp, pace, sent, d -> sendAmqp(hub, d, amqpKeyByMessageId))),
                    senders.submit(() -> sendAll(stomp, pace, sent, d -> sendStomp(hub, d))),
                    senders.submit(() -> sendAll(sftp, pace, sent, d -> sendSftp(hub, d))),
                    senders.submit(() -> sendAll(mail, pace, sent, this::sendMail)));
            for (int threshold : killAt) {
                await("%d of %d documents sent".formatted(threshold, total)).atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(20)).until(() -> sent.get() >= threshold
                                || running.stream().allMatch(Future::isDone));
                hub.kill();
                kills++;
                int sentAtKill = sent.get();
                long restart = System.nanoTime();
                hub.start();
                System.out.printf("FAULT mixed-kill: kill -9 #%d with %d of %d documents sent, up again in %d s%n", kills,
                        sentAtKill, total, (System.nanoTime() - restart) / 1_000_000_000L);
            }
            for (Future<?> sender : running) {
                sender.get(3, TimeUnit.MINUTES);
            }
            ticker.shutdownNow();

            for (List<Doc> docs : List.of(amqp, stomp, sftp, mail)) {
                for (Doc d : docs) {
                    count.sent(d.key()).expect(Kind.RECEIPTS, d.key()).expect(Kind.JUDGED, d.sha256());
                    if (d.type() == Type.VALID) {
                        count.expect(Kind.FEED, d.reportId());
                    }
                }
            }
            Map<String, Integer> queueReceipts = new HashMap<>();
            Map<String, Integer> feed = new HashMap<>();
            await("every document answered").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        drainQueues(hub, amqpKeyByMessageId, queueReceipts, feed, 500);
                        Set<String> answered = new HashSet<>(queueReceipts.keySet());
                        answered.addAll(sftpReceipts(hub).keySet());
                        answered.addAll(mailReplies().keySet());
                        assertThat(answered.size()).as("documents answered").isEqualTo(total);
                        assertThat(feed.size()).as("reports in the feed").isEqualTo(
                                (int) java.util.stream.Stream.of(amqp, stomp, sftp, mail).flatMap(List::stream)
                                        .filter(d -> d.type() == Type.VALID).count());
                    });
            // A second answer would come after a redelivery: wait that out (counting whatever comes) before the count.
            drainQueues(hub, amqpKeyByMessageId, queueReceipts, feed,
                    kz.gov.safework.testing.NothingMoreArrives.REDELIVERY_WINDOW.toMillis());
            queueReceipts.forEach((key, n) -> count.saw(Kind.RECEIPTS, key, n));
            sftpReceipts(hub).forEach((key, n) -> count.saw(Kind.RECEIPTS, key, n));
            mailReplies().forEach((key, n) -> count.saw(Kind.RECEIPTS, key, n));
            feed.forEach((reportId, n) -> count.saw(Kind.FEED, reportId, n));
            int deadLetters = HubInvariants.deadLetterCount(hub);
            count.note("dlq", deadLetters).note("kills", kills);
            hub.stop();
            FaultCount.judgedPer(FaultCount.h2(data), "sha256").forEach((sha, n) -> count.saw(Kind.JUDGED, sha, n));
            count.note("seconds", (System.nanoTime() - started) / 1_000_000_000L);

            count.printAndAssertExact();
            assertThat(deadLetters).as("dead letters").isZero();
            assertThat(kills).isEqualTo(KILLS);
            assertStatuses(List.of(amqp, stomp, sftp, mail));
        } catch (Throwable e) {
            count.failed(data, "MixedLoadKillIT");
            throw e;
        } finally {
            ticker.shutdownNow();
            senders.shutdownNow();
            hub.stop();
        }
    }

    /** Invalid documents are refused; of a valid report and its copy exactly one is accepted, the other a duplicate. */
    private void assertStatuses(List<List<Doc>> channels) {
        Map<String, List<String>> statusesByReport = new HashMap<>();
        for (List<Doc> docs : channels) {
            for (Doc d : docs) {
                String status = statusByKey.get(d.key());
                if (d.type() == Type.INVALID) {
                    assertThat(status).as("receipt of invalid " + d.key()).startsWith("REJECTED");
                } else {
                    statusesByReport.computeIfAbsent(d.key().substring(0, d.key().indexOf('-')) + d.reportId(),
                            k -> new ArrayList<>()).add(status);
                }
            }
        }
        statusesByReport.forEach((report, statuses) -> {
            assertThat(statuses).as("statuses of " + report).containsOnlyOnce("ACCEPTED");
            assertThat(statuses).as("statuses of " + report).allMatch(s -> s.equals("ACCEPTED") || s.equals("DUPLICATE"));
        });
    }

    /** {@code n} documents of a channel: about 70 % valid, 15 % invalid, 15 % exact copies of an earlier valid one. */
    private static List<Doc> docs(Random random, String channel, int n, java.util.function.Supplier<String[]> valid,
            java.util.function.Supplier<String[]> invalid) {
        List<Doc> docs = new ArrayList<>();
        List<Doc> validOnes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "%s-%04d".formatted(channel, i);
            int roll = random.nextInt(100);
            Doc doc;
            if (roll < 15 && !validOnes.isEmpty()) {
                Doc original = validOnes.get(random.nextInt(validOnes.size()));
                doc = new Doc(key, original.bytes(), original.reportId(), Type.COPY);
            } else if (roll < 30) {
                String[] d = invalid.get();
                doc = new Doc(key, d[1].getBytes(StandardCharsets.UTF_8), d[0], Type.INVALID);
            } else {
                String[] d = valid.get();
                doc = new Doc(key, d[1].getBytes(StandardCharsets.UTF_8), d[0], Type.VALID);
                validOnes.add(doc);
            }
            docs.add(doc);
        }
        return docs;
    }

    private static String[] astanaReport(Random random) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        return new String[] {id, Reports.akimatAstana(id)};
    }

    /** Refused by the business rules: an item the plan does not have. */
    private static String[] astanaInvalid(Random random) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        return new String[] {id, Reports.json(id, "AKIMAT-ASTANA", 2023, "999", null)};
    }

    private static String[] mzReport(Random random) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        try {
            String xml = Files.readString(QueueChannelIT.examples("valid").resolve("03-mz-2022.xml"));
            return new String[] {id, xml.replace("c4a8e1f7-92b3-4d5e-b6a7-8f90e1d2c3b4", id)};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Sender {
        void send(Doc doc) throws Exception;
    }

    /**
     * Sends every document at the pace of the ticker; a send that fails (the hub is down, or went down during it) is
     * repeated with the same identity until it goes through, as an agency's system would.
     */
    private static Void sendAll(List<Doc> docs, Semaphore pace, AtomicInteger sent, Sender sender) throws Exception {
        for (Doc doc : docs) {
            pace.acquire();
            await("send of " + doc.key()).atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                        sender.send(doc);
                        return true;
                    });
            sent.incrementAndGet();
        }
        return null;
    }

    private static void sendAmqp(HubProcess hub, Doc doc, Map<String, String> keyByMessageId) throws Exception {
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, ASTANA, QueueChannelIT.password(ASTANA))) {
            jakarta.jms.BytesMessage message = astana.session().createBytesMessage();
            message.writeBytes(doc.bytes());
            message.setStringProperty("_AMQ_DUPL_ID", doc.key());
            try (var producer = astana.session().createProducer(astana.session().createQueue("reports.in"))) {
                try {
                    producer.send(message);
                } finally {
                    // Sent or not, a receipt may come for this attempt's message id.
                    if (message.getJMSMessageID() != null) {
                        keyByMessageId.put(message.getJMSMessageID(), doc.key());
                    }
                }
            }
        }
    }

    /** A persistent STOMP send confirmed by the broker; the correlation-id and the duplicate id are the key. */
    private static void sendStomp(HubProcess hub, Doc doc) throws Exception {
        try (StompClient stomp = new StompClient(hub.brokerPort, ASTANA, QueueChannelIT.password(ASTANA))) {
            stomp.send("reports.in", Map.of("correlation-id", doc.key(), "_AMQ_DUPL_ID", doc.key(),
                    "persistent", "true", "content-type", "application/json"), doc.bytes(), doc.key());
            StompClient.Frame confirmation = stomp.read(30_000);
            if (confirmation == null || !"RECEIPT".equals(confirmation.command())
                    || !doc.key().equals(confirmation.header("receipt-id"))) {
                throw new IOException("no confirmation of " + doc.key());
            }
        }
    }

    /**
     * Uploads under a temporary name and renames it into the inbox, as SFTP clients do; a retry first looks whether an
     * earlier attempt got through (the file in the inbox, the archive or a receipt for it) and then leaves it.
     */
    private static void sendSftp(HubProcess hub, Doc doc) throws Exception {
        String name = doc.key() + ".json";
        AgencySftp.with(hub, ASTANA, sftp -> {
            if (AgencySftp.exists(sftp, "/inbox/" + name) || AgencySftp.exists(sftp, "/archive/" + name)
                    || AgencySftp.exists(sftp, "/receipts/" + name + ".receipt.json")) {
                return null;
            }
            try (OutputStream out = sftp.write("/inbox/" + name + ".filepart")) {
                out.write(doc.bytes());
            }
            sftp.rename("/inbox/" + name + ".filepart", "/inbox/" + name);
            return null;
        });
    }

    /** A mail from MZ with the document attached, authenticated the way a receiving server would say it. */
    private void sendMail(Doc doc) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(MZ_MAIL);
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, HUB_MAIL);
        mail.setSubject("Report " + doc.key());
        MimeBodyPart part = new MimeBodyPart();
        boolean xml = doc.bytes()[0] == '<';
        String type = xml ? "application/xml" : "application/json";
        part.setContent(doc.bytes(), type);
        part.setHeader("Content-Type", type);
        part.setFileName(doc.key() + (xml ? ".xml" : ".json"));
        part.setDisposition(Part.ATTACHMENT);
        mail.setContent(new MimeMultipart("mixed", part));
        mail.saveChanges();
        mail.setHeader("Message-ID", messageId(doc.key()));
        mail.setHeader("Authentication-Results", AUTHSERV + "; auth=pass smtp.auth=mz");
        try (Transport smtp = Session.getInstance(new Properties()).getTransport("smtp")) {
            smtp.connect("127.0.0.1", mailServer.getSmtp().getPort(), null, null);
            smtp.sendMessage(mail, mail.getAllRecipients());
        }
    }

    private static String messageId(String key) {
        return "<" + key + "@agency.hub.local>";
    }

    /** Takes everything on the agency's receipt queue and on the feed (receipts counted per document key). */
    private void drainQueues(HubProcess hub, Map<String, String> amqpKeyByMessageId, Map<String, Integer> receipts,
            Map<String, Integer> feed, long firstWaitMillis) throws Exception {
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, ASTANA, QueueChannelIT.password(ASTANA));
             AgencyClient mtszn = new AgencyClient(hub.brokerPort, "mtszn", QueueChannelIT.password("mtszn"));
             var fromReceipts = astana.session().createConsumer(astana.session().createQueue(RECEIPTS));
             var fromFeed = mtszn.session().createConsumer(mtszn.session().createQueue("mtszn.feed"))) {
            for (Message m = fromReceipts.receive(firstWaitMillis); m != null; m = fromReceipts.receive(500)) {
                String correlation = m.getJMSCorrelationID();
                String key = correlation != null && correlation.startsWith("stomp-") ? correlation
                        : amqpKeyByMessageId.getOrDefault(correlation, "unknown-correlation:" + correlation);
                receipts.merge(key, 1, Integer::sum);
                statusByKey.put(key, statusOf(JSON.readTree(AgencyClient.text(m))));
            }
            for (Message m = fromFeed.receive(500); m != null; m = fromFeed.receive(500)) {
                feed.merge(JSON.readTree(AgencyClient.text(m)).path("report").path("reportId").asText(), 1, Integer::sum);
            }
        }
    }

    /** Per uploaded file, how many receipts of its own (one per submission) the drop box holds. */
    private Map<String, Integer> sftpReceipts(HubProcess hub) throws Exception {
        return AgencySftp.with(hub, ASTANA, sftp -> {
            Map<String, Integer> receipts = new HashMap<>();
            for (SftpClient.DirEntry entry : sftp.readDir("/receipts")) {
                Matcher m = SFTP_RECEIPT.matcher(entry.getFilename());
                if (m.matches()) {
                    String key = m.group(1).substring(0, m.group(1).length() - ".json".length());
                    receipts.merge(key, 1, Integer::sum);
                    try (InputStream in = sftp.read("/receipts/" + entry.getFilename())) {
                        statusByKey.put(key, statusOf(JSON.readTree(in)));
                    }
                }
            }
            return receipts;
        });
    }

    /** Per mail sent, how many distinct replies (by their own Message-ID) name it in In-Reply-To. */
    private Map<String, Integer> mailReplies() throws Exception {
        Map<String, Set<String>> replies = new HashMap<>();
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mailServer.getImap().getPort(), "mz", "mz-secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (jakarta.mail.Message message : inbox.getMessages()) {
                    String[] inReplyTo = message.getHeader("In-Reply-To");
                    String[] id = message.getHeader("Message-ID");
                    if (inReplyTo == null) {
                        continue;
                    }
                    String key = inReplyTo[0].replaceAll("^<|@agency\\.hub\\.local>$", "");
                    replies.computeIfAbsent(key, k -> new HashSet<>()).add(id == null ? "none" : id[0]);
                    statusByKey.put(key, receiptStatus(message));
                }
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
        Map<String, Integer> counts = new HashMap<>();
        replies.forEach((key, ids) -> counts.put(key, ids.size()));
        return counts;
    }

    /** A receipt's status, and for a rejection its codes too ({@code REJECTED[CODE,...]}), to say why in a failure. */
    private static String statusOf(com.fasterxml.jackson.databind.JsonNode receipt) {
        String status = receipt.path("status").asText();
        if (!status.equals("REJECTED")) {
            return status;
        }
        List<String> codes = new ArrayList<>();
        receipt.path("errors").forEach(error -> codes.add(error.path("code").asText()));
        return status + codes;
    }

    private static String receiptStatus(jakarta.mail.Message reply) throws Exception {
        if (reply.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.getFileName() != null && part.getFileName().endsWith(".receipt.json")) {
                    try (InputStream in = part.getInputStream()) {
                        return statusOf(JSON.readTree(in));
                    }
                }
            }
        }
        return "NO_RECEIPT_ATTACHED";
    }
}
