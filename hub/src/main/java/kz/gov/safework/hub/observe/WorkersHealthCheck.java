package kz.gov.safework.hub.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.jms.JmsConsumer;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness: no thread died of an uncaught error, the embedded broker (if any) is still active, and every JMS
 * consumer's listener container still runs. A hub failing this cannot heal itself; a supervisor should restart it.
 */
public final class WorkersHealthCheck extends AbstractHealthCheck {
    public static final String ID = "workers";

    private final DeadThreads deadThreads;
    private final BooleanSupplier brokerActive;

    /** @param brokerActive whether the embedded broker is active; always true with an external broker */
    public WorkersHealthCheck(DeadThreads deadThreads, BooleanSupplier brokerActive) {
        super("hub", ID);
        this.deadThreads = deadThreads;
        this.brokerActive = brokerActive;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        List<String> deaths = deadThreads.deaths();
        if (!deaths.isEmpty()) {
            problems.add("threads died: " + String.join(", ", deaths));
        }
        if (!brokerActive.getAsBoolean()) {
            problems.add("embedded broker is not active");
        }
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof JmsConsumer jms
                    && getCamelContext().getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started
                    && !listening(jms)) {
                problems.add("JMS consumer of route " + route.getRouteId() + " is not running");
            }
        }
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.detail("problems", problems).message(String.join("; ", problems)).down();
        }
    }

    private static boolean listening(JmsConsumer consumer) {
        try {
            return consumer.getListenerContainer() != null && consumer.getListenerContainer().isRunning();
        } catch (Exception e) {
            return false;
        }
    }
}
