package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What must hold after any bad input, checked from outside: every message on {@code mtszn.feed} belongs to
 * a report the hub accepted (and each accepted report is there once), the DLQ is empty, health is 200.
 */
final class HubInvariants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubInvariants() {
    }

    /** Drains mtszn.feed as MTSZN and checks it holds exactly the accepted submissions. */
    static void feedHoldsExactly(HubProcess hub, Set<String> acceptedSubmissionIds) throws Exception {
        Set<String> seen = new HashSet<>();
        int count = 0;
        try (AgencyClient mtszn = new AgencyClient(hub.brokerPort, "mtszn", QueueChannelIT.password("mtszn"))) {
            // Every accepted report's feed message is already committed before its receipt left the hub.
            for (Message m = mtszn.receive("mtszn.feed", null, 2_000); m != null; m = mtszn.receive("mtszn.feed", null, 500)) {
                count++;
                JsonNode feed = JSON.readTree(AgencyClient.text(m));
                seen.add(feed.path("submissionId").asText());
            }
        }
        assertThat(seen).as("submissions on mtszn.feed").isEqualTo(acceptedSubmissionIds);
        assertThat(count).as("messages on mtszn.feed").isEqualTo(acceptedSubmissionIds.size());
    }

    /** Feed messages per report id, taking everything on {@code mtszn.feed} as MTSZN. */
    static Map<String, Integer> feedPerReport(HubProcess hub) throws Exception {
        Map<String, Integer> feed = new HashMap<>();
        try (AgencyClient mtszn = new AgencyClient(hub.brokerPort, "mtszn", QueueChannelIT.password("mtszn"));
             var consumer = mtszn.session().createConsumer(mtszn.session().createQueue("mtszn.feed"))) {
            for (Message m = consumer.receive(3_000); m != null; m = consumer.receive(1_000)) {
                feed.merge(JSON.readTree(AgencyClient.text(m)).path("report").path("reportId").asText(), 1, Integer::sum);
            }
        }
        return feed;
    }

    /** How many messages the DLQ holds, through the operator API. */
    static int deadLetterCount(HubProcess hub) throws Exception {
        var list = QueueChannelIT.request(hub, "/api/operator/dead-letters", "operator");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(list.body());
        return (body.isArray() ? body : body.path("deadLetters")).size();
    }

    static void deadLettersEmptyAndHealthy(HubProcess hub) throws Exception {
        var deadLetters = QueueChannelIT.request(hub, "/api/operator/dead-letters", "operator");
        assertThat(deadLetters.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(deadLetters.body());
        JsonNode list = body.isArray() ? body : body.path("deadLetters");
        assertThat(list.size()).as("dead letters: " + deadLetters.body()).isZero();
        assertThat(QueueChannelIT.status(hub, "/observe/health")).isEqualTo(200);
    }
}
