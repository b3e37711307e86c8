package kz.gov.safework.observe;

import java.time.Instant;

/** A channel's intake suspended by an operator, with why, by whom and since when. */
public record ChannelSuspension(String channel, String reason, String operator, Instant since) {

    /**
     * How health checks describe it. Health answers without a login, so it names neither the operator nor the
     * reason (free text that may say more than the public should read): those are in the operator API.
     */
    public String describe() {
        return "suspended by an operator at " + since + " (reason: GET /api/operator/channels)";
    }
}
