package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.Set;
import kz.gov.safework.contract.envelope.Queues;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broker management as against an external broker: over TCP, with security on. Shows the least the
 * hub's own broker user needs: {@code manage} on {@code activemq.management#}; {@code browse} on the DLQ;
 * and, with {@code temporary-queue-namespace=temp}, on {@code temp.#}: send, consume, createNonDurableQueue,
 * deleteNonDurableQueue, createAddress, deleteAddress (the temporary queue the answer comes back on).
 */
class SecuredBrokerManagementTest {
    private static final String HUB_USER = "hub";
    private static final String AGENCY_USER = "mz";
    private static final String PASSWORD = "pw";

    private static ActiveMQServer server;
    private static String url;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        url = "tcp://127.0.0.1:" + port;
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJournalDirectory("target/artemis-secured")
                .setTemporaryQueueNamespace("temp")
                .addAcceptorConfiguration("tcp", url + "?protocols=CORE");
        // Role(name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
        //      deleteNonDurableQueue, manage, browse, createAddress, deleteAddress, view, edit)
        config.putSecurityRoles("#", Set.of(
                new Role(HUB_USER, true, true, false, false, true, true, false, true, false, false, false, false),
                new Role(AGENCY_USER, true, false, false, false, false, false, false, false, false, false, false, false)));
        // Temporary reply queues are looked up under temporary-queue-namespace, so the right to create
        // them (and their address) is granted there only.
        config.putSecurityRoles("temp.#", Set.of(
                new Role(HUB_USER, true, true, false, false, true, true, false, false, true, true, false, false)));
        config.putSecurityRoles("activemq.management#", Set.of(
                new Role(HUB_USER, false, false, false, false, false, false, true, false, false, false, false, false),
                new Role(AGENCY_USER, true, false, false, false, false, false, false, false, false, false, false, false)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(HUB_USER, PASSWORD);
        users.addRole(HUB_USER, HUB_USER);
        users.addUser(AGENCY_USER, PASSWORD);
        users.addRole(AGENCY_USER, AGENCY_USER);
        server = ActiveMQServers.newActiveMQServer(config, null,
                new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users), false);
        server.start();
        server.createQueue(QueueConfiguration.of(Queues.DLQ).setRoutingType(RoutingType.ANYCAST));
        server.createQueue(QueueConfiguration.of(Queues.INTAKE).setRoutingType(RoutingType.ANYCAST));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static ArtemisManagement managementAs(String user) {
        return new ArtemisManagement(new ActiveMQConnectionFactory(url, user, PASSWORD));
    }

    @Test
    void hubUserReadsDepthBrowsesAndRetriesOverTcp() throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(url, HUB_USER, PASSWORD).createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Message message = session.createTextMessage("<report/>");
            message.setStringProperty(DeadLetters.ORIGINAL_ADDRESS, Queues.INTAKE);
            session.createProducer(session.createQueue(Queues.DLQ)).send(message);
        }
        ArtemisManagement management = managementAs(HUB_USER);

        assertThat(management.queueStats(Queues.DLQ).messages()).isEqualTo(1);
        BrowsedMessage letter = management.browse(Queues.DLQ, 10, 100).get(0);
        assertThat(letter.size()).isEqualTo("<report/>".length());
        assertThat(management.moveMessage(Queues.DLQ, letter.id(), Queues.INTAKE)).isTrue();
        assertThat(management.queueStats(Queues.INTAKE).messages()).isEqualTo(1);
    }

    @Test
    void userWithoutManageRoleIsRefused() {
        ArtemisManagement management = managementAs(AGENCY_USER);

        assertThatThrownBy(() -> management.queueStats(Queues.DLQ))
                .isInstanceOf(BrokerManagementException.class);
    }
}
