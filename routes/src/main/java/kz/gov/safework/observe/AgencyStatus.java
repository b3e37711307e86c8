package kz.gov.safework.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /status} tells agencies, per channel: whether the hub takes documents in now, and the receipt lag
 * (how long the oldest document waiting to be judged has waited on {@code hub.intake}: every channel's documents go
 * through that one pipeline). Decided from what the hub already keeps in memory (route states, the queue gauges, the
 * sources' last polls), so a request asks neither the broker nor the database. Nothing internal is shown: no host,
 * queue name or error text.
 */
public record AgencyStatus(Instant at, List<ChannelStatus> channels) {
    /** Receipts slower than this make a channel {@link State#SLOW}: the receipt-lag alert's threshold (alerts.yml). */
    public static final Duration SLOW = Duration.ofMinutes(5);

    public enum Channel {
        QUEUE("jms-intake"), SFTP("sftp-intake"), MAIL("mail-intake");

        /** The channel adapter's intake route. */
        final String routeId;

        Channel(String routeId) {
            this.routeId = routeId;
        }
    }

    public enum State {
        /** Documents are taken in and answered within {@link #SLOW}. */
        ACCEPTING,
        /** Documents are taken in; receipts take longer than {@link #SLOW}. */
        SLOW,
        /** The channel is configured but does not take documents in now. */
        NOT_ACCEPTING,
        /** This hub does not offer the channel (its adapter is switched off). */
        NOT_OFFERED;

        public boolean accepting() {
            return this == ACCEPTING || this == SLOW;
        }
    }

    /** @param receiptLagSeconds null when the hub cannot tell (the broker did not answer its last poll) */
    public record ChannelStatus(Channel channel, State state, Long receiptLagSeconds) {
        public boolean accepting() {
            return state.accepting();
        }
    }

    /** What the hub knows at {@code at}. */
    public record Inputs(Instant at, Map<String, Boolean> routeStarted, boolean brokerAnswered, Duration intakeLag,
                         Instant mailLastPoll, Duration mailPollInterval) {
    }

    public static AgencyStatus of(Inputs in) {
        Long lag = in.intakeLag() == null ? null : in.intakeLag().toSeconds();
        List<ChannelStatus> channels = java.util.Arrays.stream(Channel.values())
                .map(channel -> new ChannelStatus(channel, state(channel, in), lag))
                .toList();
        return new AgencyStatus(in.at(), channels);
    }

    static State state(Channel channel, Inputs in) {
        Boolean started = in.routeStarted().get(channel.routeId);
        if (started == null) {
            return State.NOT_OFFERED;
        }
        boolean taking = started && switch (channel) {
            case QUEUE -> in.brokerAnswered();
            case SFTP -> true;
            case MAIL -> !mailOverdue(in);
        };
        if (!taking) {
            return State.NOT_ACCEPTING;
        }
        return in.intakeLag() != null && in.intakeLag().compareTo(SLOW) > 0 ? State.SLOW : State.ACCEPTING;
    }

    /** The mailbox was last read more than two poll intervals ago (the source alert's rule); not before its first poll. */
    static boolean mailOverdue(Inputs in) {
        if (in.mailLastPoll() == null || in.mailPollInterval() == null) {
            return false;
        }
        return Duration.between(in.mailLastPoll(), in.at()).compareTo(in.mailPollInterval().multipliedBy(2)) > 0;
    }
}
