package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric and grouping label {@code config/grafana-dashboard.json} queries, and every metric the alert rules in
 * {@code config/prometheus/alerts.yml} read, is in the packaged hub's own {@code /observe/metrics} scrape, after it has judged one accepted and one rejected report: the names come
 * from the production wiring, not from a registry the test fills itself.
 */
@ExtendWith(SharedHub.class)
class GrafanaDashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b((?:hub|camel)_[a-zA-Z0-9_]+)\\b");
    private static final Pattern GROUPING = Pattern.compile("\\bby \\(([^)]*)\\)");
    private static final String LOGIN = "akimat-astana";

    @SharedHub.Hub
    static HubProcess hub;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void judgeTwoReports() throws Exception {
        try (AgencyClient astana = new AgencyClient(hub.brokerPort, LOGIN, QueueChannelIT.password(LOGIN))) {
            String accepted = astana.sendText(Reports.akimatAstana(Reports.newId()), Map.of());
            String rejected = astana.sendText(Reports.json(Reports.newId(), "AKIMAT-ASTANA", 2019, "14", null), Map.of());
            for (String id : List.of(accepted, rejected)) {
                assertThat(astana.receive("receipts.AKIMAT-ASTANA", "JMSCorrelationID = '" + id + "'", 20_000))
                        .as("receipt for " + id).isNotNull();
            }
        }
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url("/observe/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<String> expressions() throws Exception {
        JsonNode dashboard = JSON.readTree(Path.of(System.getProperty("hub.config-dir"), "grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        return expressions;
    }

    private static Set<String> exposedSamples(String scrape) {
        return scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every metric has a sample in the scrape, at the latest after 60 s. */
    private static void assertEventuallyScraped(Set<String> metrics) {
        // Gauges polled on a timer (queue depths, the mail source) may need one period to appear.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exposedSamples(scrape())).containsAll(metrics));
    }

    /** The first group of every match of {@code pattern} in {@code text}. */
    private static Stream<String> found(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(match -> match.group(1));
    }

    @Test
    void everyMetricTheDashboardQueriesIsInTheHubsScrape() throws Exception {
        Set<String> queried = expressions().stream().flatMap(expression -> found(METRIC, expression))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(queried).contains("hub_submissions_total", "hub_validation_errors_total", "hub_queue_messages",
                "camel_exchanges_total");
        assertEventuallyScraped(queried);
    }

    @Test
    void everyMetricTheAlertRulesReadIsInTheHubsScrape() throws Exception {
        Set<String> read = java.nio.file.Files.readAllLines(
                        Path.of(System.getProperty("hub.config-dir"), "prometheus", "alerts.yml")).stream()
                .filter(line -> line.strip().startsWith("expr:")).flatMap(line -> found(METRIC, line))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(read).contains("hub_queue_messages", "hub_source_last_poll_seconds", "hub_source_poll_interval_seconds",
                "hub_queue_oldest_message_age_seconds", "hub_end_to_end_seconds_bucket", "hub_data_dir_free_bytes",
                "hub_data_dir_size_bytes", "hub_auth_lockouts_total", "hub_cycle_missing", "hub_cycle_days_left");
        assertEventuallyScraped(read);
    }

    @Test
    void everyLabelTheDashboardGroupsByIsInTheHubsScrape() throws Exception {
        Set<String> labels = expressions().stream().flatMap(expression -> found(GROUPING, expression))
                .flatMap(grouping -> Arrays.stream(grouping.split(","))).map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(labels).contains("routeId", "status", "code", "agency", "channel");
        String scrape = scrape();
        assertThat(labels).allSatisfy(label -> assertThat(scrape).contains(label + "=\""));
    }
}
