package kz.gov.safework.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel whose intake an operator can suspend: its id in the operator API ({@code jms}, {@code sftp}, {@code mail},
 * {@code sftp-remote-<CODE>}), the route that takes its documents in, and the health check of its source, if any.
 * A polled channel is held by its poll strategy (no poll while suspended: files and mails stay where they are); a
 * pushed one (the queue) by stopping its route, so its consumers close and every message stays on the queue.
 *
 * @param sourceCheck the id of the source's own health check ({@code mail-imap}, {@code sftp-remote-MZ}), or null
 */
public record IntakeChannel(String id, String routeId, String sourceCheck, boolean polled) {

    /** The health checks that speak for this channel: Camel's route and consumer checks, and the source's own. */
    public List<String> healthChecks() {
        List<String> checks = new ArrayList<>(List.of("route:" + routeId, "consumer:" + routeId));
        if (sourceCheck != null) {
            checks.add(sourceCheck);
        }
        return checks;
    }
}
