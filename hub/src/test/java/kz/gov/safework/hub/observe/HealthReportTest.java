package kz.gov.safework.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;

/** How one health answer is decided from Camel's check results and the routes still starting. */
class HealthReportTest {

    private static HealthCheck check(String id) {
        return new AbstractHealthCheck(id) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            }
        };
    }

    private static HealthCheck.Result up(String id) {
        return HealthCheckResultBuilder.on(check(id)).up().build();
    }

    /** What Camel's ScheduledPollConsumerHealthCheck answers before a consumer's first poll, or after failed ones. */
    private static HealthCheck.Result consumerDown(String id, long failures, Throwable error) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(check(id)).down()
                .detail(HealthCheck.FAILURE_ERROR_COUNT, failures)
                .message(failures == 0 ? "Consumer has not yet polled route: x" : "Consumer failed polling");
        if (error != null) {
            builder.error(error);
        }
        return builder.build();
    }

    private static String state(HealthReport report, String name) {
        for (var check : report.body().path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check.path("state").asText();
            }
        }
        return null;
    }

    @Test
    void everyCheckUpAndNoRouteStartingIsUp() {
        HealthReport report = HealthReport.of(List.of(up("database"), up("broker")), List.of());
        assertThat(report.up()).isTrue();
        assertThat(report.body().path("status").asText()).isEqualTo("UP");
        assertThat(report.body().fieldNames()).toIterable().containsExactly("status", "checks");
    }

    @Test
    void aPollerThatHasNotPolledYetIsStartingNotDown() {
        HealthReport report = HealthReport.of(List.of(up("database"), consumerDown("consumer:mail-intake", 0, null)),
                List.of());
        assertThat(report.up()).isTrue();
        assertThat(state(report, "consumer:mail-intake")).isEqualTo(HealthReport.STARTING);
    }

    @Test
    void aPollerThatFailedIsDown() {
        HealthReport report = HealthReport.of(List.of(consumerDown("consumer:sftp-remote-MZ", 3, null)), List.of());
        assertThat(report.up()).isFalse();
        assertThat(report.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(state(report, "consumer:sftp-remote-MZ")).isEqualTo("DOWN");
    }

    @Test
    void aPollerWithAnErrorBeforeItsFirstCountedFailureIsDown() {
        HealthReport report = HealthReport.of(
                List.of(consumerDown("consumer:mail-intake", 0, new IllegalStateException("refused"))), List.of());
        assertThat(report.up()).isFalse();
    }

    @Test
    void anotherCheckDownWithoutFailuresIsStillDown() {
        HealthCheck.Result database = HealthCheckResultBuilder.on(check("database")).down()
                .detail(HealthCheck.FAILURE_ERROR_COUNT, 0L).build();
        assertThat(HealthReport.of(List.of(database), List.of()).up()).isFalse();
    }

    @Test
    void routesStillStartingMakeItDownAndAreNamed() {
        HealthReport report = HealthReport.of(List.of(up("database")), List.of("pipeline", "jms-intake"));
        assertThat(report.up()).isFalse();
        assertThat(state(report, "routes-started")).isEqualTo("DOWN");
        assertThat(report.body().path("checks").get(0).path("message").asText())
                .isEqualTo("still starting: pipeline, jms-intake");
    }

    @Test
    void unknownIsNotDown() {
        HealthCheck.Result imap = HealthCheckResultBuilder.on(check("mail-imap")).unknown().build();
        assertThat(HealthReport.of(List.of(imap, up("broker")), List.of()).up()).isTrue();
    }

    @Test
    void livenessLeavesOutConsumersThatCannotPollAnOutsideServer() {
        List<HealthCheck.Result> live = HealthReport.livenessChecks(List.of(up("workers"),
                consumerDown("consumer:sftp-remote-MZ", 4, null), up("route:pipeline")));
        assertThat(live).extracting(r -> r.getCheck().getId()).containsExactly("workers", "route:pipeline");
        assertThat(HealthReport.of(live, List.of()).up()).isTrue();
    }
}
