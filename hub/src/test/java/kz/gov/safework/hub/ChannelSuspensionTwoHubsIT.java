package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kz.gov.safework.testing.NothingMoreArrives;
import kz.gov.safework.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged hubs on one PostgreSQL database: the queue suspended through one hub's operator API holds on the other
 * within its refresh period (set to 1 s here), and the resume through the first lets the second answer the report that
 * waited on its queue. (Each hub has its embedded broker here: what is shared is the database.)
 */
class ChannelSuspensionTwoHubsIT {
    private static final String SCHEMA = "channel_suspension_it";
    private static final String ASTANA = "akimat-astana";
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";

    @TempDir
    Path dir;

    @Test
    void aChannelSuspendedOnOneHubIsHonouredByTheOtherUntilItIsResumed() throws Exception {
        Properties pg = RequiredService.properties("postgres.properties", ".ci/postgres.sh");
        Map<String, String> common = Map.of("hub.db.url", TwoHubsIT.freshSchema(pg, SCHEMA), "hub.db.user", pg.getProperty("user"),
                "hub.db.password", pg.getProperty("password"), "hub.observe.channel-refresh-period", "1000",
                "hub.mail.embedded", "false");
        try (HubProcess one = new HubProcess(dir.resolve("hub-1"), with(common, "hub-1")).start();
             HubProcess two = new HubProcess(dir.resolve("hub-2"), with(common, "hub-2")).start();
             AgencyClient astana = new AgencyClient(two.brokerPort, ASTANA, QueueChannelIT.password(ASTANA))) {
            assertThat(ChannelSuspensionIT.post(one, "/api/operator/channels/jms/suspend", "operator",
                    "{\"reason\": \"broker upgrade\"}").statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    ChannelSuspensionIT.checks(two, "/observe/health/ready").get("intake:jms").path("message").asText())
                    .startsWith("suspended by an operator at "));
            String id = astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of());
            NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("receipt from the other hub while suspended",
                    timeout -> astana.receive(RECEIPTS, ChannelSuspensionIT.anyOf(List.of(id)), timeout));

            assertThat(ChannelSuspensionIT.post(one, "/api/operator/channels/jms/resume", "operator", "{}").statusCode())
                    .isEqualTo(200);
            assertThat(Receipts.receipt(astana, RECEIPTS, id, 30_000).path("status").asText()).isEqualTo("ACCEPTED");
        }
    }

    private static Map<String, String> with(Map<String, String> common, String instance) {
        Map<String, String> settings = new java.util.HashMap<>(common);
        settings.put("hub.cluster.instance-id", instance);
        return settings;
    }
}
