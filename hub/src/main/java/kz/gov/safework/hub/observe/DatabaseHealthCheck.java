package kz.gov.safework.hub.observe;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import kz.gov.safework.observe.ReadinessHealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The database answers within {@link #TIMEOUT}. Readiness (and the full health), not liveness: a database outage is
 * no reason to restart the hub, which reconnects when the database returns. The pool waits for a connection much
 * longer than a probe may, so the question runs on a thread of its own and a probe waits at most {@link #TIMEOUT};
 * while one question is still unanswered, the next probe waits for that one instead of asking again.
 */
public final class DatabaseHealthCheck extends ReadinessHealthCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<String> pending;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("hub", "database");
        this.dataSource = dataSource;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            String problem = question().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (problem == null) {
                builder.up();
            } else {
                builder.message(problem).down();
            }
        } catch (TimeoutException e) {
            builder.message("Database did not answer within " + TIMEOUT.toSeconds() + " s").down();
        } catch (ExecutionException e) {
            builder.message("Database unreachable: " + e.getCause().getMessage()).error(e.getCause()).down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("Interrupted while asking the database").down();
        }
    }

    /** The unanswered question, or a new one: null when the database answered, else what went wrong. */
    private synchronized CompletableFuture<String> question() {
        if (pending == null || pending.isDone()) {
            pending = CompletableFuture.supplyAsync(this::ask, asker);
        }
        return pending;
    }

    private String ask() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) TIMEOUT.toSeconds()) ? null : "Database connection is not valid";
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
