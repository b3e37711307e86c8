package kz.gov.safework.observe;

import java.time.Instant;

/** A channel's intake suspended by an operator, with why, by whom and since when. */
public record ChannelSuspension(String channel, String reason, String operator, Instant since) {

    /** How health checks and the log describe it. The reason is the operator's text: callers escape it for a log. */
    public String describe() {
        return "suspended: " + reason + " by " + operator + " at " + since;
    }
}
