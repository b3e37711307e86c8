package kz.gov.safework.hub.observe;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** The broker answers: a (pooled) connection can be started. Readiness and liveness. */
public final class BrokerHealthCheck extends AbstractHealthCheck {
    private final ConnectionFactory connectionFactory;

    public BrokerHealthCheck(ConnectionFactory connectionFactory) {
        super("hub", "broker");
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            builder.up();
        } catch (Exception e) {
            builder.message("Broker unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
