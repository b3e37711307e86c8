package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.gov.safework.contract.Json;
import kz.gov.safework.observe.AgencyStatus.Channel;
import kz.gov.safework.observe.AgencyStatus.ChannelStatus;
import kz.gov.safework.observe.AgencyStatus.Inputs;
import kz.gov.safework.observe.AgencyStatus.State;
import org.junit.jupiter.api.Test;

/** What the agencies' status page says per channel, from what the hub knows. */
class AgencyStatusTest {
    private static final Instant NOW = Instant.parse("2026-01-08T05:00:00Z");
    private static final Map<String, Boolean> ALL_STARTED = Map.of("jms-intake", true, "sftp-intake", true,
            "mail-intake", true);

    private static Inputs inputs(Map<String, Boolean> started, boolean broker, Duration lag, Instant mailPoll) {
        return new Inputs(NOW, started, broker, lag, mailPoll, Duration.ofSeconds(10));
    }

    private static ChannelStatus channel(AgencyStatus status, Channel channel) {
        return status.channels().stream().filter(c -> c.channel() == channel).findFirst().orElseThrow();
    }

    @Test
    void everyChannelStartedAndNothingWaitingIsAcceptingWithoutLag() {
        AgencyStatus status = AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ZERO, NOW.minusSeconds(5)));
        assertThat(status.channels()).extracting(ChannelStatus::state).containsExactly(State.ACCEPTING,
                State.ACCEPTING, State.ACCEPTING);
        assertThat(status.channels()).extracting(ChannelStatus::receiptLagSeconds).containsOnly(0L);
        assertThat(status.channels()).allMatch(ChannelStatus::accepting);
    }

    @Test
    void aLagOverFiveMinutesIsSlowButStillAccepting() {
        AgencyStatus slow = AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ofSeconds(301), null));
        assertThat(channel(slow, Channel.QUEUE).state()).isEqualTo(State.SLOW);
        assertThat(channel(slow, Channel.QUEUE).accepting()).isTrue();
        assertThat(channel(slow, Channel.QUEUE).receiptLagSeconds()).isEqualTo(301);
        AgencyStatus justUnder = AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ofSeconds(300), null));
        assertThat(channel(justUnder, Channel.QUEUE).state()).isEqualTo(State.ACCEPTING);
    }

    @Test
    void aChannelWhoseAdapterIsOffIsNotOffered() {
        AgencyStatus status = AgencyStatus.of(inputs(Map.of("jms-intake", true), true, Duration.ZERO, null));
        assertThat(channel(status, Channel.SFTP).state()).isEqualTo(State.NOT_OFFERED);
        assertThat(channel(status, Channel.MAIL).state()).isEqualTo(State.NOT_OFFERED);
        assertThat(channel(status, Channel.MAIL).accepting()).isFalse();
    }

    @Test
    void aStoppedIntakeRouteIsNotAccepting() {
        AgencyStatus status = AgencyStatus.of(inputs(Map.of("jms-intake", true, "sftp-intake", false,
                "mail-intake", true), true, Duration.ZERO, null));
        assertThat(channel(status, Channel.SFTP).state()).isEqualTo(State.NOT_ACCEPTING);
        assertThat(channel(status, Channel.SFTP).accepting()).isFalse();
    }

    @Test
    void queuesAreNotAcceptingWhenTheBrokerDidNotAnswerAndTheLagIsUnknown() {
        AgencyStatus status = AgencyStatus.of(inputs(ALL_STARTED, false, null, null));
        assertThat(channel(status, Channel.QUEUE).state()).isEqualTo(State.NOT_ACCEPTING);
        assertThat(channel(status, Channel.QUEUE).receiptLagSeconds()).isNull();
        assertThat(channel(status, Channel.SFTP).state()).isEqualTo(State.ACCEPTING);
    }

    @Test
    void aMailboxNotReadForTwoPollIntervalsIsNotAccepting() {
        assertThat(channel(AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ZERO, NOW.minusSeconds(20))),
                Channel.MAIL).state()).isEqualTo(State.ACCEPTING);
        assertThat(channel(AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ZERO, NOW.minusSeconds(21))),
                Channel.MAIL).state()).isEqualTo(State.NOT_ACCEPTING);
        assertThat(channel(AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ZERO, null)), Channel.MAIL).state())
                .as("before its first poll").isEqualTo(State.ACCEPTING);
    }

    @Test
    void theJsonNamesEachChannelAndItsStateInThreeLanguages() throws Exception {
        AgencyStatus status = AgencyStatus.of(inputs(Map.of("jms-intake", true, "sftp-intake", false), true,
                Duration.ofSeconds(7), null));
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(StatusPage.json(status)));
        assertThat(json.path("slowAfterSeconds").asLong()).isEqualTo(300);
        JsonNode queue = json.path("channels").get(0);
        assertThat(queue.path("channel").asText()).isEqualTo("queue");
        assertThat(queue.path("accepting").asBoolean()).isTrue();
        assertThat(queue.path("receiptLagSeconds").asLong()).isEqualTo(7);
        assertThat(queue.path("text").path("kk").asText()).isEqualTo("Құжаттарды қабылдайды");
        assertThat(queue.path("text").path("ru").asText()).isEqualTo("Принимает документы");
        assertThat(queue.path("text").path("en").asText()).isEqualTo("Accepting documents");
        JsonNode sftp = json.path("channels").get(1);
        assertThat(sftp.path("state").asText()).isEqualTo("NOT_ACCEPTING");
        assertThat(sftp.path("accepting").asBoolean()).isFalse();
        assertThat(json.path("channels").get(2).path("state").asText()).isEqualTo("NOT_OFFERED");
    }

    @Test
    void theHtmlPageHasEveryChannelInEachLanguage() {
        AgencyStatus status = AgencyStatus.of(inputs(ALL_STARTED, true, Duration.ofSeconds(400), null));
        String html = StatusPage.html(status);
        for (String language : StatusPage.LANGUAGES) {
            assertThat(html).contains("<section lang=\"" + language + "\">");
            for (Channel channel : Channel.values()) {
                assertThat(html).contains(StatusPage.text(language, channel));
            }
            assertThat(html).contains(StatusPage.text(language, State.SLOW));
        }
        assertThat(html).contains("400 s", "400 с").doesNotContain("hub.intake").doesNotContain("<script");
    }
}
