package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged hub answers each person's console calls as its routes' tests say: MTSZN's campaign day by day, the
 * operator's dead letters per day, and the Government's login, which reads approved packages and nothing else.
 * Only logins' rights and the answers' shape are checked here: the figures are the routes' tests' (CampaignApiTest,
 * OperatorApiTest), since other classes on this shared hub send documents of their own.
 */
@ExtendWith(SharedHub.class)
class RoleViewsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YEAR_2022 = "/api/plans/safe-labor-2021-2025/years/2022";

    @SharedHub.Hub
    static HubProcess hub;

    @Test
    void mtsznGetsTheCampaignDayByDayUpToTheDueDateAndAnAgencyDoesNot() throws Exception {
        HttpResponse<String> days = QueueChannelIT.request(hub, YEAR_2022 + "/days", "mtszn");
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(days.body());
        assertThat(body.path("to").asText()).as("the last day on time").isEqualTo("2023-01-10");
        assertThat(body.path("owed").asInt()).as("agency x item pairs owed for 2022").isPositive();
        assertThat(body.path("days").size()).isEqualTo(body.path("reported").size()).isPositive();

        assertThat(QueueChannelIT.request(hub, YEAR_2022 + "/days", "mz").statusCode()).isEqualTo(403);
    }

    @Test
    void theOperatorGetsTheDeadLettersPerDayAndMtsznDoesNot() throws Exception {
        HttpResponse<String> perDay = QueueChannelIT.request(hub, "/api/operator/dead-letters-per-day", "operator");
        assertThat(perDay.statusCode()).as(perDay.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(perDay.body());
        assertThat(body.path("zone").asText()).isEqualTo("Asia/Almaty");
        int summed = 0;
        for (JsonNode day : body.path("days")) {
            summed += day.path("count").asInt();
        }
        assertThat(summed).as("the days add up to the total").isEqualTo(body.path("total").asInt());

        assertThat(QueueChannelIT.request(hub, "/api/operator/dead-letters-per-day", "mtszn").statusCode())
                .isEqualTo(403);
    }

    @Test
    void theGovernmentReadsApprovedPackagesOnlyAndIsRefusedTheCampaignAndTheDocuments() throws Exception {
        HttpResponse<String> packages = QueueChannelIT.request(hub, YEAR_2022 + "/consolidations", "government");
        assertThat(packages.statusCode()).as(packages.body()).isEqualTo(200);
        assertThat(JSON.readTree(packages.body())).allSatisfy(
                p -> assertThat(p.path("status").asText()).isEqualTo("APPROVED"));

        for (String path : new String[] {YEAR_2022 + "/progress", YEAR_2022 + "/days", YEAR_2022 + "/matrix",
                "/api/submissions?year=2022", "/api/operator/dead-letters"}) {
            HttpResponse<String> refused = QueueChannelIT.request(hub, path, "government");
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(403);
        }
    }
}
