package kz.gov.safework.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The broker and database checks as {@code HubConfiguration} builds them (over the pooled JMS connection
 * factory and a Hikari pool) say UP while their server answers and DOWN, with the reason, once it is gone.
 */
class HealthChecksDownTest {

    private static HealthCheck.Result call(HealthCheck check) {
        return check.call();
    }

    @Test
    void theBrokerCheckIsDownOnceTheBrokerHasStopped(@TempDir Path dir) throws Exception {
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.toString())
                .addAcceptorConfiguration("in-vm", "vm://77"), false);
        server.start();
        JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(new ActiveMQConnectionFactory("vm://77"));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            BrokerHealthCheck check = new BrokerHealthCheck(pooled);
            check.setCamelContext(context);
            assertThat(call(check).getState()).isEqualTo(HealthCheck.State.UP);

            server.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HealthCheck.Result result = call(check);
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("Broker unreachable"));
            });
        } finally {
            pooled.stop();
            server.stop();
        }
    }

    @Test
    void theDatabaseCheckIsDownOnceTheDatabaseIsGone(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("hub");
        HikariConfig config = new HikariConfig();
        // IFEXISTS: once the files are gone the pool cannot quietly open a new empty database.
        config.setJdbcUrl("jdbc:h2:file:" + db + ";IFEXISTS=TRUE");
        config.setUsername("sa");
        config.setPassword("");
        config.setConnectionTimeout(1000);
        config.setInitializationFailTimeout(-1);
        try (Connection create = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "")) {
            create.createStatement().execute("CREATE TABLE probe (id INT)");
        }
        try (HikariDataSource dataSource = new HikariDataSource(config);
             DefaultCamelContext context = new DefaultCamelContext()) {
            DatabaseHealthCheck check = new DatabaseHealthCheck(dataSource);
            check.setCamelContext(context);
            assertThat(call(check).getState()).isEqualTo(HealthCheck.State.UP);

            // The database process ends (a connection of its own: the pool's would trip over its own close).
            Connection shutdown = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
            shutdown.createStatement().execute("SHUTDOWN");
            shutdown.close();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HealthCheck.Result result = call(check);
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("Database"));
            });
        }
    }

    @Test
    void theDatabaseCheckIsDownWhileThePoolIsStillWaitingForAConnection() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // A pool whose server does not answer: getConnection hangs (Hikari would wait its connectionTimeout, 30 s).
        javax.sql.DataSource hanging = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        asked.incrementAndGet();
                        release.await();
                        throw new java.sql.SQLException("released");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            DatabaseHealthCheck check = new DatabaseHealthCheck(hanging);
            check.setCamelContext(context);
            for (int probe = 0; probe < 3; probe++) {
                HealthCheck.Result result = call(check);
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValue("Database did not answer within 2 s");
            }
            assertThat(asked).as("probes wait for the unanswered question instead of asking again").hasValue(1);
            assertThat(check.isLiveness()).as("a database outage is no reason to restart the hub").isFalse();
            assertThat(check.isReadiness()).isTrue();
        } finally {
            release.countDown();
        }
    }
}
