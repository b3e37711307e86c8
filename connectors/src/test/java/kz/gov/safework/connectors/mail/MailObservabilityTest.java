package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import kz.gov.safework.contract.MetricNames;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Health of the IMAP source, the last-poll gauge, and a hub without mail. */
class MailObservabilityTest {

    @Test
    void imapHealthIsUpAndTheLastPollIsRecordedOnceTheMailboxWasPolled() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (MailFixture hub = new MailFixture(new Properties(), null,
                (camel, beans) -> new MailConfiguration(beans, null, meters).configure(camel))) {
            await().until(() -> imapState(hub) == HealthCheck.State.UP);
            Gauge gauge = meters.get(MetricNames.SOURCE_LAST_POLL).tag("source", "imap").gauge();
            assertThat(gauge.value()).isGreaterThan(0);
            assertThat(meters.get(kz.gov.safework.contract.MetricNames.SOURCE_POLL_INTERVAL).tag("source", "imap")
                    .gauge().value()).as("hub.mail.imap.poll-delay in seconds, for the source alert").isPositive();
        }
    }

    /** Replies refused for good in the last 24 hours, for the alert: an older one no longer counts. */
    @Test
    void theGaugeCountsRepliesRefusedForGoodInTheLastDay() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (MailFixture hub = new MailFixture(new Properties(), null,
                (camel, beans) -> new MailConfiguration(beans, null, meters).configure(camel))) {
            Gauge undeliverable = meters.get(MailOutbox.UNDELIVERABLE_GAUGE).gauge();
            assertThat(undeliverable.value()).isZero();

            java.time.Instant now = java.time.Instant.now();
            refusedForGood(hub, "recent", now.minus(java.time.Duration.ofHours(1)));
            refusedForGood(hub, "old", now.minus(java.time.Duration.ofHours(25)));

            // refreshed on the gauge's own timer (the IMAP poll period, 100 ms here), never by a scrape
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(undeliverable.value()).isEqualTo(1.0));

            // the database gone (a new, empty one in its place): the refreshes fail, the gauge keeps its last value
            try (java.sql.Connection c = hub.dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(500))
                    .atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                            assertThat(undeliverable.value()).isEqualTo(1.0));
        }
    }

    private static void refusedForGood(MailFixture hub, String key, java.time.Instant at) throws Exception {
        try (java.sql.Connection c = hub.dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mail_outbox (outbox_key, message_id, recipient, mime_base64, created_at, next_attempt_at,"
                + " attempts, last_error, undeliverable_at) VALUES (?, ?, 'desk@mz.example', 'eA==', ?, ?, 1, '550', ?)")) {
            java.time.OffsetDateTime time = java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
            ps.setString(1, key);
            ps.setString(2, "<" + key + "@hub.local>");
            ps.setObject(3, time);
            ps.setObject(4, time);
            ps.setObject(5, time);
            ps.executeUpdate();
        }
    }

    @Test
    void imapHealthIsDownWithTheReasonWhenTheLoginIsRefused() throws Exception {
        Properties wrongPassword = new Properties();
        wrongPassword.setProperty("hub.mail.imap.password", "not-the-password");
        try (MailFixture hub = new MailFixture(wrongPassword, null,
                (camel, beans) -> new MailConfiguration(beans, null, null).configure(camel))) {
            await().until(() -> imapState(hub) == HealthCheck.State.DOWN);
            HealthCheck.Result result = imapResult(hub);
            assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("IMAP mailbox poll failing"));
            assertThat(result.getDetails()).doesNotContainValue("not-the-password");
            assertThat(result.getCheck().isLiveness()).as("a refused login is not mended by a restart").isFalse();
            assertThat(result.getCheck().isReadiness()).isTrue();
            assertThat(HealthCheckHelper.invokeLiveness(hub.camel))
                    .noneMatch(r -> r.getCheck().getId().equals("mail-imap"));
        }
    }

    @Test
    void noRouteServiceOrCheckIsAddedWhenMailIsDisabled() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            MailBeans beans = new MailBeans(MailFixture.REFERENCE, MailFixture.newDatabase(), java.time.Clock.systemUTC(),
                    MailBeans.imapPoll(java.time.Clock.systemUTC()), MailFixture.SIGNER);
            new MailConfiguration(beans, null, null).configure(camel);
            camel.addRoutes(new MailIntakeRoutes(beans));
            camel.addRoutes(new MailReceiptRoutes(beans));
            camel.start();

            assertThat(camel.getRoutes()).isEmpty();
            assertThat(camel.hasService(EmbeddedMailServer.class)).isNull();
            assertThat(HealthCheckHelper.invoke(camel)).noneMatch(r -> r.getCheck().getId().equals("mail-imap"));
        }
    }

    private static HealthCheck.State imapState(MailFixture hub) {
        HealthCheck.Result result = imapResult(hub);
        return result == null ? null : result.getState();
    }

    private static HealthCheck.Result imapResult(MailFixture hub) {
        return HealthCheckHelper.invoke(hub.camel).stream()
                .filter(r -> r.getCheck().getId().equals("mail-imap")).findFirst().orElse(null);
    }
}
