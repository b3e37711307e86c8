package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /status} of the packaged hub without a login: every channel of the default run (queues, the SFTP drop
 * box, the embedded mailbox) accepting with its receipt lag, as HTML in Kazakh, Russian and English and as JSON; the
 * answer names no internal queue, address or port.
 */
@ExtendWith(SharedHub.class)
class StatusPageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SharedHub.Hub
    static HubProcess hub;

    @Test
    void saysPerChannelThatTheHubIsAcceptingWithItsLagWithoutALogin() throws Exception {
        // The lag comes from the queue gauges, polled on a timer: the first poll may still be due.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get(hub, "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode channels = JSON.readTree(response.body()).path("channels");
            assertThat(channels).extracting(c -> c.path("channel").asText()).containsExactly("queue", "sftp", "mail");
            for (JsonNode channel : channels) {
                assertThat(channel.path("accepting").asBoolean()).as(channel.toString()).isTrue();
                assertThat(channel.path("state").asText()).isEqualTo("ACCEPTING");
                assertThat(channel.path("receiptLagSeconds").isIntegralNumber()).as(channel.toString()).isTrue();
                assertThat(channel.path("text").path("kk").asText()).isEqualTo("Құжаттарды қабылдайды");
            }
        });

        HttpResponse<String> page = get(hub, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("Есеп беру хабының күйі", "Состояние узла отчётности", "Reporting hub status",
                "Құжаттарды қабылдайды", "Принимает документы", "Accepting documents");
        for (String body : new String[] {page.body(), get(hub, "application/json").body()}) {
            assertThat(body).doesNotContain("hub.intake", "reports.in", "127.0.0.1",
                    Integer.toString(hub.brokerPort), "Exception");
        }
    }

    private static HttpResponse<String> get(HubProcess hub, String accept) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/status"))).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
