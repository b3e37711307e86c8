package kz.gov.safework.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkersHealthCheckTest {
    private final CamelContext context = new DefaultCamelContext();
    private final AtomicBoolean brokerActive = new AtomicBoolean(true);
    private Thread.UncaughtExceptionHandler previous;
    private DeadThreads dead;
    private WorkersHealthCheck check;

    @BeforeEach
    void setUp() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        dead = DeadThreads.install();
        check = new WorkersHealthCheck(dead, brokerActive::get);
        check.setCamelContext(context);
        context.start();
    }

    @AfterEach
    void tearDown() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        context.stop();
    }

    @Test
    void upWhileEveryWorkerLives() {
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downOnceAThreadDiedOfAnUncaughtError() throws InterruptedException {
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("consumer broke");
        }, "activemq-test-worker");
        worker.start();
        worker.join();

        HealthCheck.Result result = check.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("activemq-test-worker").contains("IllegalStateException"));
    }

    @Test
    void downWhenTheEmbeddedBrokerIsNoLongerActive() {
        brokerActive.set(false);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
    }
}
