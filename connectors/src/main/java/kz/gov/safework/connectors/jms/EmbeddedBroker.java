package kz.gov.safework.connectors.jms;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Artemis broker the hub runs when no external broker is configured: persistent journal in the
 * data directory, one acceptor speaking CORE, AMQP and STOMP, an in-VM acceptor for the hub itself,
 * security on with least privilege (DESIGN.md §4 queues).
 */
public final class EmbeddedBroker extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final String IN_VM_URL = "vm://0";
    /** Artemis' default management address; the hub's console sends its management requests there. */
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    /** Temporary queues (management answers) are matched for security under this prefix. */
    private static final String TEMP_NAMESPACE = "temp";

    private final BrokerSettings settings;
    private final Credentials credentials;
    private final ReferenceData referenceData;
    private EmbeddedActiveMQ embedded;

    public EmbeddedBroker(BrokerSettings settings, Credentials credentials, ReferenceData referenceData) {
        this.settings = settings;
        this.credentials = credentials;
        this.referenceData = referenceData;
    }

    public ActiveMQServer server() {
        return embedded.getActiveMQServer();
    }

    @Override
    protected void doStart() throws Exception {
        Path dir = settings.dataDir().resolve("broker");
        Configuration config = new ConfigurationImpl()
                .setName("safework-hub")
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setSecurityEnabled(true)
                .setPopulateValidatedUser(true)
                .setJMXManagementEnabled(false)
                .setTemporaryQueueNamespace(TEMP_NAMESPACE)
                .setIDCacheSize(settings.duplicateIdCacheSize())
                .setPersistIDCache(true)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(5_000);
        config.registerBrokerPlugin(new SenderStampPlugin(settings.hubUser()));
        config.registerBrokerPlugin(new MessageSizePlugin(settings.hubUser(), settings.maxMessageBytes()));
        config.addAcceptorConfiguration("in-vm", IN_VM_URL);
        config.addAcceptorConfiguration("clients", "tcp://" + settings.host() + ":" + settings.port()
                + "?protocols=CORE,AMQP,STOMP;anycastPrefix=queue://,/queue/;multicastPrefix=topic://,/topic/");
        config.setSecurityRoles(new java.util.HashMap<>());
        securityRoles(config);
        addressSettings(config);
        queues(config);

        HubSecurityManager security = new HubSecurityManager();
        security.getConfiguration().addUser(settings.hubUser(), settings.hubPassword());
        security.getConfiguration().addRole(settings.hubUser(), BrokerRoles.HUB);
        for (String login : credentials.logins()) {
            if (login.equals(settings.hubUser())) {
                continue;
            }
            security.getConfiguration().addUser(login, credentials.passwordOf(login));
            referenceData.agencyByLogin(login).ifPresent(agency -> {
                security.getConfiguration().addRole(login, BrokerRoles.AGENCY);
                security.getConfiguration().addRole(login, BrokerRoles.agency(agency.code()));
            });
            if (login.equals(settings.feedConsumerLogin())) {
                security.getConfiguration().addRole(login, BrokerRoles.FEED_CONSUMER);
            }
            if (login.equals(BrokerRoles.GOVERNMENT)) {
                security.getConfiguration().addRole(login, BrokerRoles.GOVERNMENT);
            }
            if (login.equals(BrokerRoles.OPERATOR)) {
                security.getConfiguration().addRole(login, BrokerRoles.OPERATOR);
            }
        }

        embedded = new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(security);
        embedded.start();
        LOG.info("Embedded Artemis broker listening on {}:{} (CORE, AMQP, STOMP), journal in {}",
                settings.host(), settings.port(), dir.toAbsolutePath());
    }

    /**
     * Least privilege: agencies send reports and read their own receipts, nothing else. The hub itself may
     * send, consume and browse; it creates queues only below {@code receipts.} (an agency's reply-to it has
     * not opened yet) and, for management answers, temporary queues; it deletes nothing and manages
     * only through the management address.
     */
    private void securityRoles(Configuration config) {
        // Role(name, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
        //      deleteNonDurableQueue, manage, browse, createAddress, deleteAddress, view, edit)
        Role hub = new Role(BrokerRoles.HUB, true, true, false, false, false, false, false, true, false, false, false, false);
        Role hubReplyTo = new Role(BrokerRoles.HUB, true, true, true, false, false, false, false, true, true, false, false, false);
        config.putSecurityRoles("#", Set.of(hub));
        config.putSecurityRoles(TEMP_NAMESPACE + ".#", Set.of(new Role(BrokerRoles.HUB,
                true, true, false, false, true, true, false, false, true, true, false, false)));
        config.putSecurityRoles(MANAGEMENT_ADDRESS + "#", Set.of(new Role(BrokerRoles.HUB,
                true, false, false, false, false, false, true, false, false, false, false, false)));
        config.putSecurityRoles(Queues.RECEIPTS_PREFIX + "#", Set.of(hubReplyTo));
        config.putSecurityRoles(Queues.REPORTS_IN, Set.of(hub, sendOnly(BrokerRoles.AGENCY)));
        config.putSecurityRoles(Queues.MTSZN_FEED, Set.of(hub, consumeOnly(BrokerRoles.FEED_CONSUMER)));
        config.putSecurityRoles(Queues.GOVERNMENT_OUTBOX, Set.of(hub, consumeOnly(BrokerRoles.GOVERNMENT)));
        for (Agency agency : referenceData.agencies()) {
            String role = BrokerRoles.agency(agency.code());
            config.putSecurityRoles(Queues.receiptsOf(agency.code()), Set.of(hubReplyTo, consumeOnly(role)));
            // An agency may open reply-to queues of its own below its receipts address, and nowhere else.
            config.putSecurityRoles(Queues.receiptsOf(agency.code()) + ".#", Set.of(hubReplyTo,
                    new Role(role, false, true, true, false, true, true, false, false, true, false, false, false)));
        }
    }

    private static Role sendOnly(String name) {
        return new Role(name, true, false, false, false, false, false, false, false, false, false, false, false);
    }

    private static Role consumeOnly(String name) {
        return new Role(name, false, true, false, false, false, false, false, false, false, false, false, false);
    }

    private void addressSettings(Configuration config) {
        AddressSettings defaults = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DLQ))
                .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(settings.redeliveryDelayMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(settings.redeliveryDelayMillis() * 30)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                // Every contract address is a queue: STOMP and AMQP clients sending or subscribing without a
                // prefix must land on it, not ask to create a multicast twin (which they may not).
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
        config.addAddressSetting("#", defaults);
    }

    private void queues(Configuration config) {
        Set<String> names = new HashSet<>(Set.of(Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED,
                Queues.GOVERNMENT_OUTBOX, Queues.DLQ, Queues.EXPIRY));
        for (var channel : kz.gov.safework.contract.envelope.Channel.values()) {
            names.add(Queues.hubReceiptsOf(channel));
        }
        for (Agency agency : referenceData.agencies()) {
            names.add(Queues.receiptsOf(agency.code()));
        }
        for (String name : names) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(name)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(name).setAddress(name)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (embedded != null) {
            embedded.stop();
            LOG.info("Embedded Artemis broker stopped");
        }
    }
}
