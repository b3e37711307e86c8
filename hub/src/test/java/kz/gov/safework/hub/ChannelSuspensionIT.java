package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kz.gov.safework.testing.NothingMoreArrives;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operator controls (issue 14) on the packaged hub: an operator suspends a channel's intake with a reason; documents sent
 * meanwhile wait in the channel (no receipt), readiness stays 200 with the check saying "suspended", the suspension
 * survives a restart, and after the resume every document gets exactly one receipt. Only operators may do it.
 */
@ExtendWith(SharedHub.class)
class ChannelSuspensionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASTANA = "akimat-astana";
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";
    private static final long WAIT = 30_000;
    /** Hostile on purpose: markup that must stay text in the console and JSON. */
    private static final String REASON = "<b>broker maintenance</b> & \"planned\"";

    /**
     * Its own: it suspends channels, restarts the hub and reads the whole list of operator actions. The mailbox is
     * polled every 500 ms, so the redelivery window in which nothing may arrive spans several skipped polls.
     */
    @SharedHub.Hub(own = true, settings = "hub.mail.imap.poll-delay=500")
    static HubProcess hub;

    @Test
    void queueIntakeSuspendedKeepsReportsOnTheQueueThroughARestartAndAnswersEachOnceAfterTheResume() throws Exception {
        HttpResponse<String> suspended = post("/api/operator/channels/jms/suspend", "operator",
                JSON.createObjectNode().put("reason", REASON).toString());
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        assertThat(JSON.readTree(suspended.body()).path("state").asText()).isEqualTo("SUSPENDED");

        List<String> sent = new ArrayList<>();
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, ASTANA, QueueChannelIT.password(ASTANA))) {
            for (int i = 0; i < 3; i++) {
                sent.add(astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of()));
            }
            NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("receipt while the queue is suspended",
                    timeout -> astana.receive(RECEIPTS, anyOf(sent), timeout));
        }
        assertSuspendedAndReady("jms");
        JsonNode jms = intake("jms");
        assertThat(jms.path("state").asText()).isEqualTo("SUSPENDED");
        assertThat(jms.path("reason").asText()).isEqualTo(REASON);
        assertThat(jms.path("by").asText()).isEqualTo("operator");

        assertThat(agencyStatus("queue")).isEqualTo("NOT_ACCEPTING");

        hub.stop();
        hub.start(); // waits for the full health to be 200: a suspended channel does not hold it DOWN

        assertSuspendedAndReady("jms");
        assertThat(agencyStatus("queue")).isEqualTo("NOT_ACCEPTING");
        assertThat(agencyStatus("sftp")).isEqualTo("ACCEPTING");
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, ASTANA, QueueChannelIT.password(ASTANA))) {
            NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("receipt after a restart while suspended",
                    timeout -> astana.receive(RECEIPTS, anyOf(sent), timeout));

            HttpResponse<String> resumed = post("/api/operator/channels/jms/resume", "operator", "{}");
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
            assertThat(JSON.readTree(resumed.body()).path("state").asText()).isEqualTo("RECEIVING");

            for (String id : sent) {
                assertThat(Receipts.receipt(astana, RECEIPTS, id, WAIT).path("status").asText()).isEqualTo("ACCEPTED");
            }
            NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("second receipt for a report",
                    timeout -> astana.receive(RECEIPTS, anyOf(sent), timeout));
        }
        assertThat(agencyStatus("queue")).isEqualTo("ACCEPTING");
        Map<String, JsonNode> afterResume = checks("/observe/health/ready");
        assertThat(afterResume.get("intake:jms").path("message").asText()).isEqualTo("receiving");
        assertThat(afterResume.get("route:jms-intake").path("state").asText()).isEqualTo("UP");

        JsonNode actions = JSON.readTree(QueueChannelIT.request(hub, "/api/operator/actions", "operator").body());
        List<String> recorded = new ArrayList<>();
        actions.forEach(action -> {
            if (action.path("target").asText().equals("channel/jms")) {
                recorded.add(action.path("action").asText() + " " + action.path("reason").asText(""));
            }
        });
        assertThat(recorded).containsExactly("RESUME_CHANNEL ", "SUSPEND_CHANNEL " + REASON);
    }

    @Test
    void dropBoxIntakeSuspendedLeavesUploadsInTheInboxUntilTheResume() throws Exception {
        String name = "suspended-" + Reports.newId() + ".json";
        String receipt = "/receipts/" + name + ".receipt.json";
        assertThat(post("/api/operator/channels/sftp/suspend", "operator", "{\"reason\": \"disk check\"}")
                .statusCode()).isEqualTo(200);
        AgencySftp.with(hub, ASTANA, sftp -> {
            try (OutputStream out = sftp.write("/inbox/" + name + ".filepart")) {
                out.write(Reports.akimatAstana(Reports.newId()).getBytes(StandardCharsets.UTF_8));
            }
            sftp.rename("/inbox/" + name + ".filepart", "/inbox/" + name);
            return null;
        });
        NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("receipt while the drop box is suspended",
                timeout -> receiptWithin(receipt, timeout));
        assertThat(AgencySftp.<Boolean>with(hub, ASTANA, sftp -> AgencySftp.exists(sftp, "/inbox/" + name)))
                .as("the upload waits in the inbox").isTrue();
        assertSuspendedAndReady("sftp");
        assertThat(agencyStatus("sftp")).isEqualTo("NOT_ACCEPTING");

        assertThat(post("/api/operator/channels/sftp/resume", "operator", "{}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofMillis(WAIT)).until(() -> AgencySftp.with(hub, ASTANA,
                sftp -> AgencySftp.exists(sftp, receipt) && !AgencySftp.exists(sftp, "/inbox/" + name)));
    }

    @Test
    void mailIntakeSuspendedLeavesMailsInTheHubsMailboxUntilTheResume() throws Exception {
        String messageId = "<suspended-" + Reports.newId() + "@agency.hub.local>";
        assertThat(post("/api/operator/channels/mail/suspend", "operator", "{\"reason\": \"mailbox move\"}")
                .statusCode()).isEqualTo(200);
        int waiting = MailClient.count(hub, MailClient.HUB, "reports", "INBOX");
        MailClient.send(hub, MailClient.report("akimat-astana@agency.hub.local", messageId, "Отчёт",
                MailClient.attachment("report.json", Reports.akimatAstana(Reports.newId())
                        .getBytes(StandardCharsets.UTF_8))), ASTANA);

        NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("reply while mail is suspended",
                timeout -> repliesWithin(messageId, 1, timeout));
        assertThat(MailClient.count(hub, MailClient.HUB, "reports", "INBOX")).as("the mail waits in the hub's inbox")
                .isEqualTo(waiting + 1);
        assertSuspendedAndReady("mail");
        assertThat(agencyStatus("mail")).isEqualTo("NOT_ACCEPTING");

        assertThat(post("/api/operator/channels/mail/resume", "operator", "{}").statusCode()).isEqualTo(200);

        var reply = MailClient.replyTo(hub, ASTANA, messageId);
        assertThat(JSON.readTree(MailClient.attachmentsOf(reply).get("report.json.receipt.json"))
                .path("status").asText()).isEqualTo("ACCEPTED");
        NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("second reply to one mail",
                timeout -> repliesWithin(messageId, 2, timeout));
    }

    /** Astana's replies to a mail once there are at least {@code count}, or null if not within the timeout. */
    private static Object repliesWithin(String messageId, int count, long timeoutMillis) {
        return within(timeoutMillis, () -> MailClient.repliesTo(hub, ASTANA, messageId),
                found -> found.size() >= count);
    }

    /** {@code poll}'s value once {@code done} holds; null if not within the timeout (NothingMoreArrives' receive). */
    private static <T> T within(long timeoutMillis, java.util.concurrent.Callable<T> poll,
            java.util.function.Predicate<? super T> done) {
        try {
            return await().pollInterval(Duration.ofMillis(250)).atMost(Duration.ofMillis(timeoutMillis))
                    .until(poll, done);
        } catch (ConditionTimeoutException nothing) {
            return null;
        }
    }

    @Test
    void onlyOperatorsSuspendKnownChannelsWithAReason() throws Exception {
        HttpResponse<String> agency = post("/api/operator/channels/jms/suspend", ASTANA, "{\"reason\": \"mine\"}");
        assertThat(agency.statusCode()).isEqualTo(403);
        assertThat(agency.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(agency.body()).path("status").asInt()).isEqualTo(403);

        HttpResponse<String> unknown = post("/api/operator/channels/fax/suspend", "operator", "{\"reason\": \"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("code").asText()).isEqualTo("not_found");

        HttpResponse<String> noReason = post("/api/operator/channels/mail/suspend", "operator", "{\"reason\": \" \"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> longReason = post("/api/operator/channels/mail/suspend", "operator",
                JSON.createObjectNode().put("reason", "x".repeat(501)).toString());
        assertThat(longReason.statusCode()).isEqualTo(400);
        HttpResponse<String> twoLines = post("/api/operator/channels/mail/suspend", "operator",
                JSON.createObjectNode().put("reason", "ok\nFORGED log line").toString());
        assertThat(twoLines.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(twoLines.body()).path("code").asText()).isEqualTo("bad_request");

        HttpResponse<String> notSuspended = post("/api/operator/channels/mail/resume", "operator", "{}");
        assertThat(notSuspended.statusCode()).isEqualTo(409);
        assertThat(intake("mail").path("state").asText()).isEqualTo("RECEIVING");
        assertThat(QueueChannelIT.request(hub, "/api/operator/channels", ASTANA).statusCode()).isEqualTo(403);
    }

    /**
     * Readiness and health are 200, the channel's check says UP, "suspended by an operator at <time> (reason: ...)"
     * without the reason or the login (health needs none), and no check of its route or consumer is DOWN.
     */
    private static void assertSuspendedAndReady(String channel) throws Exception {
        for (String probe : List.of("/observe/health/ready", "/observe/health")) {
            HttpResponse<String> response = QueueChannelIT.request(hub, probe, null);
            assertThat(response.statusCode()).as(probe + ": " + response.body()).isEqualTo(200);
            JsonNode check = checks(probe).get("intake:" + channel);
            assertThat(check).as(probe + " has intake:" + channel).isNotNull();
            assertThat(check.path("state").asText()).isEqualTo("UP");
            assertThat(check.path("message").asText()).startsWith("suspended by an operator at ")
                    .as("health answers without a login: neither the reason nor the login")
                    .doesNotContain(REASON, "disk check", "by operator");
        }
    }

    /** The receipt file's path once it appears within {@code timeoutMillis}, else null. */
    private static String receiptWithin(String receipt, long timeoutMillis) {
        return within(timeoutMillis,
                () -> AgencySftp.with(hub, ASTANA, sftp -> AgencySftp.exists(sftp, receipt)) ? receipt : null,
                found -> found != null);
    }

    private static Map<String, JsonNode> checks(String probe) throws Exception {
        return checks(hub, probe);
    }

    /** The checks of a health probe of {@code process}, by name. */
    static Map<String, JsonNode> checks(HubProcess process, String probe) throws Exception {
        Map<String, JsonNode> checks = new java.util.HashMap<>();
        JSON.readTree(QueueChannelIT.request(process, probe, null).body()).path("checks")
                .forEach(check -> checks.put(check.path("name").asText(), check));
        return checks;
    }

    /** What {@code GET /status} tells agencies of {@code channel} ({@code queue}, {@code sftp}, {@code mail}). */
    private static String agencyStatus(String channel) throws Exception {
        JsonNode status = JSON.readTree(QueueChannelIT.request(hub, "/status?format=json", null).body());
        for (JsonNode state : status.path("channels")) {
            if (state.path("channel").asText().equals(channel)) {
                return state.path("state").asText();
            }
        }
        throw new AssertionError("no status for " + channel + " in " + status);
    }

    private static JsonNode intake(String channel) throws Exception {
        JsonNode channels = JSON.readTree(QueueChannelIT.request(hub, "/api/operator/channels", "operator").body());
        for (JsonNode state : channels.path("intake")) {
            if (state.path("channel").asText().equals(channel)) {
                return state;
            }
        }
        throw new AssertionError("no intake state for " + channel + " in " + channels.path("intake"));
    }

    static String anyOf(List<String> messageIds) {
        return messageIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "JMSCorrelationID IN (", ")"));
    }

    private static HttpResponse<String> post(String path, String login, String json) throws Exception {
        return post(hub, path, login, json);
    }

    /** A POST of {@code json} to {@code process} as {@code login} (its demo password). */
    static HttpResponse<String> post(HubProcess process, String path, String login, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(process.url(path)))
                .header("Authorization", QueueChannelIT.basic(login))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
