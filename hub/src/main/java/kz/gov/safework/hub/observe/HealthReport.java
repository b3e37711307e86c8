package kz.gov.safework.hub.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import kz.gov.safework.contract.Json;
import org.apache.camel.health.HealthCheck;

/**
 * One answer of {@code /observe/health} (and {@code /live}, {@code /ready}): UP when no check is DOWN and no route is
 * still starting. A polling consumer that has not polled yet and has not failed either (Camel reports it DOWN with
 * "has not yet polled") is shown as {@value #STARTING}: it has started, its first poll is due; counting it DOWN made
 * health go UP, DOWN, UP during every start.
 */
record HealthReport(boolean up, ObjectNode body) {
    static final String STARTING = "STARTING";

    static HealthReport of(Collection<HealthCheck.Result> results, List<String> routesStarting) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", "DOWN"); // first, as operators read it; decided below
        ArrayNode checks = body.putArray("checks");
        boolean up = routesStarting.isEmpty();
        if (!routesStarting.isEmpty()) {
            checks.addObject().put("name", "routes-started").put("state", "DOWN")
                    .put("message", "still starting: " + String.join(", ", routesStarting));
        }
        for (HealthCheck.Result result : results.stream()
                .sorted(Comparator.comparing(r -> r.getCheck().getId())).toList()) {
            String state = waitingForFirstPoll(result) ? STARTING : result.getState().name();
            up &= !state.equals(HealthCheck.State.DOWN.name());
            ObjectNode check = checks.addObject();
            check.put("name", result.getCheck().getId());
            check.put("state", state);
            result.getMessage().ifPresent(m -> check.put("message", m));
        }
        body.put("status", up ? "UP" : "DOWN");
        return new HealthReport(up, body);
    }

    /**
     * The checks liveness answers from: not the consumers' (a mailbox or an agency's SFTP server that cannot be polled
     * is not mended by restarting the hub; it shows in readiness and the full health). A JMS consumer that stopped
     * turns the hub's own {@code workers} check DOWN, which liveness keeps.
     */
    static List<HealthCheck.Result> livenessChecks(Collection<HealthCheck.Result> results) {
        return results.stream().filter(result -> !result.getCheck().getId().startsWith("consumer:")).toList();
    }

    /** A consumer's check that is DOWN only because its first poll has not happened yet, with no failure so far. */
    static boolean waitingForFirstPoll(HealthCheck.Result result) {
        Object failures = result.getDetails().get(HealthCheck.FAILURE_ERROR_COUNT);
        return result.getState() == HealthCheck.State.DOWN
                && result.getCheck().getId().startsWith("consumer:")
                && failures instanceof Number count && count.longValue() == 0
                && result.getError().isEmpty();
    }
}
