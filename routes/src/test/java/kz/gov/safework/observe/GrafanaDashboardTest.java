package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.gov.safework.contract.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric and grouping label {@code config/grafana-dashboard.json} queries is exposed by a registry
 * populated as in production: camel-micrometer's route policy on a Prometheus registry, the observe
 * gauges against a real broker, the pipeline's meters recorded through {@link HubMeters}.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of(System.getProperty("basedir", "."))
            .resolve("../config/grafana-dashboard.json").normalize();
    private static final Pattern METRIC = Pattern.compile("\\b((?:hub|camel)_[a-zA-Z0-9_]+)\\b");
    private static final Pattern GROUPING = Pattern.compile("\\bby \\(([^)]*)\\)");

    private static ObserveTestHub hub;
    private static String scrape;

    @BeforeAll
    static void populateAsInProduction() throws Exception {
        hub = new ObserveTestHub();
        HubMeters meters = new HubMeters(hub.registry);
        meters.submission("jms", "MZ", "ACCEPTED");
        meters.validationError("UNKNOWN_ITEM");
        meters.endToEnd(Duration.ofMillis(120));
        meters.sourcePolled("mail:imap", Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.registry.scrape().contains("hub_queue_messages{queue=\"DLQ\"} 0.0")
                && hub.registry.scrape().contains("routeId=\"queue-depths\""));
        scrape = hub.registry.scrape();
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static List<String> expressions() throws Exception {
        JsonNode dashboard = Json.mapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        return expressions;
    }

    private static Set<String> exposedSamples() {
        return scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void dashboardQueriesSomething() throws Exception {
        assertThat(expressions()).hasSizeGreaterThan(10);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        Set<String> queried = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                queried.add(matcher.group(1));
            }
        }

        assertThat(queried).contains("hub_submissions_total", "hub_queue_messages", "camel_exchanges_total");
        assertThat(exposedSamples()).containsAll(queried);
    }

    @Test
    void everyLabelTheDashboardGroupsByIsExposed() throws Exception {
        Set<String> labels = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher matcher = GROUPING.matcher(expression);
            while (matcher.find()) {
                Arrays.stream(matcher.group(1).split(",")).map(String::strip).forEach(labels::add);
            }
        }

        assertThat(labels).contains("routeId", "status", "code");
        assertThat(labels).allSatisfy(label -> assertThat(scrape).contains(label + "=\""));
    }
}
