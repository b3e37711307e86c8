package kz.gov.safework.connectors.jms;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.tls.ClientAuth;
import kz.gov.safework.connectors.tls.TlsSettings;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import kz.gov.safework.contract.reference.Principals;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.persistence.StorageManager;
import org.apache.activemq.artemis.core.protocol.stomp.BoundedStompProtocolManagerFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Artemis broker the hub runs when no external broker is configured, from the same config/broker/broker.xml as
 * a standalone one: persistent journal in the data directory, one acceptor speaking CORE, AMQP and STOMP (and the
 * same over TLS on a second port when configured), an in-VM acceptor for the hub itself, security on with least
 * privilege (README, Broker).
 */
public final class EmbeddedBroker extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String IN_VM_ACCEPTOR = "vm://0";
    /**
     * What the hub's own clients connect to. A connect that fails (the broker restarting after a disk fault) is
     * retried after 100 ms instead of Artemis' 2 s: the connection pool creates one connection at a time, so 2 s per
     * caller held the health check behind every consumer reconnecting.
     */
    public static final String IN_VM_URL = IN_VM_ACCEPTOR + "?retryInterval=100";

    private final BrokerSettings settings;
    private final Path brokerXml;
    private final Credentials credentials;
    private final ReferenceData referenceData;
    private volatile EmbeddedActiveMQ embedded;
    private Configuration config;
    private HubSecurityManager security;
    private JournalWatchdog watchdog;

    /**
     * @param brokerXml config/broker/broker.xml: the standalone broker's configuration, which this broker reads too
     */
    public EmbeddedBroker(BrokerSettings settings, Path brokerXml, Credentials credentials, ReferenceData referenceData) {
        this.settings = settings;
        this.brokerXml = brokerXml;
        this.credentials = credentials;
        this.referenceData = referenceData;
    }

    public ActiveMQServer server() {
        return embedded.getActiveMQServer();
    }

    @Override
    protected void doStart() throws Exception {
        Path dir = settings.dataDir().resolve("broker");
        config = configuration(dir);
        boolean certificateLogins = settings.tlsPort() > 0 && settings.tls().clientAuth() != ClientAuth.NONE;

        Set<String> certified = new HashSet<>();
        if (certificateLogins) {
            certified.addAll(credentials.logins());
            certified.remove(settings.hubUser());
        }
        Map<String, Set<String>> roles = new HashMap<>();
        Principals principals = new Principals(referenceData);
        for (String login : credentials.logins()) {
            if (!login.equals(settings.hubUser())) {
                roles.put(login, BrokerRole.of(principals.of(login)));
            }
        }
        security = new HubSecurityManager(settings.hubUser(), settings.hubPassword(), credentials,
                roles, certified);

        watchdog = new JournalWatchdog(this::restart,
                () -> embedded.getActiveMQServer().getState() == ActiveMQServer.SERVER_STATE.STOPPED,
                List.of(dir, dir.resolve("journal"), dir.resolve("bindings"), dir.resolve("large-messages"),
                        dir.resolve("paging")));
        startServer();
        watchdog.start();
        LOG.info("Embedded Artemis broker listening on {} port {} and TLS port {} (CORE, AMQP, STOMP; 0 = off), "
                + "client certificates {}, journal in {}", settings.host(), settings.port(), settings.tlsPort(),
                settings.tls().clientAuth(), dir.toAbsolutePath());
    }

    /**
     * The broker's configuration, without the security manager: config/broker/broker.xml, the file a standalone
     * broker runs with, read with its {@code ${safework.broker.*}} values taken from the hub's settings
     * ({@link BrokerXml}), so the two cannot drift. Only what is the embedded broker's own is set here: the journal
     * in the hub's data dir and the acceptors (an in-VM one for the hub, the client ports of the hub's settings, TLS
     * with the hub's keystore).
     */
    Configuration configuration(Path dir) throws Exception {
        Configuration config = BrokerXml.read(brokerXml, settings, referenceData)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString());
        config.setAcceptorConfigurations(new HashSet<>());
        config.addAcceptorConfiguration("in-vm", IN_VM_ACCEPTOR);
        if (settings.port() > 0) {
            config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                    clientAcceptorParams(settings.port()), "clients"));
        }
        if (settings.tlsPort() > 0) {
            config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                    tlsAcceptorParams(), "clients-tls"));
        }
        return config;
    }

    /**
     * A new server from the same configuration. Always a new instance: Artemis stops a server on its first critical
     * IO error and then ignores any later one of that instance ({@code ActiveMQServerImpl.DefaultCriticalErrorListener}).
     */
    private void startServer() throws Exception {
        EmbeddedActiveMQ server = new BoundedEmbeddedActiveMQ(settings.maxMessageBytes()).setConfiguration(config)
                .setSecurityManager(security);
        server.createActiveMQServer();
        server.getActiveMQServer().registerIOCriticalErrorListener(watchdog);
        embedded = server;
        server.start();
    }

    /** The watchdog's restart, once the journal's disk takes writes again; a server that fails to start is stopped. */
    private synchronized void restart() throws Exception {
        if (!isStarted() || isStopping()) {
            return;
        }
        try {
            startServer();
            if (embedded.getActiveMQServer().getState() != ActiveMQServer.SERVER_STATE.STARTED) {
                throw new IllegalStateException("the new server is " + embedded.getActiveMQServer().getState());
            }
        } catch (Exception e) {
            embedded.stop();
            throw e;
        }
    }

    /** One acceptor speaks CORE, AMQP and STOMP; queue:// (AMQP) and /queue/ (STOMP) prefixes name queues. */
    private Map<String, Object> clientAcceptorParams(int port) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, settings.host());
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, "CORE,AMQP,STOMP");
        params.put("anycastPrefix", "queue://,/queue/");
        params.put("multicastPrefix", "topic://,/topic/");
        return params;
    }

    /**
     * The same protocols over TLS with the hub's keystore; with {@code hub.tls.client-auth} want/need the
     * handshake asks for a client certificate and checks it against the truststore. Parameters are passed
     * as a map, not a URL, so no character of a password is read as URL syntax.
     */
    private Map<String, Object> tlsAcceptorParams() {
        TlsSettings tls = settings.tls();
        Map<String, Object> params = clientAcceptorParams(settings.tlsPort());
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, tls.requireKeystore(BrokerSettings.TLS_PORT_KEY).toString());
        params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, tls.keystorePassword());
        params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, TlsSettings.STORE_TYPE);
        if (tls.hasTruststore()) {
            params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, tls.truststore().toString());
            params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, tls.truststorePassword());
            params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, TlsSettings.STORE_TYPE);
        }
        params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, tls.clientAuth() == ClientAuth.NEED);
        params.put(TransportConstants.WANT_CLIENT_AUTH_PROP_NAME, tls.clientAuth() == ClientAuth.WANT);
        return params;
    }

    /**
     * Artemis' embedded server, bounding what Artemis itself would hold in the heap for one message from outside:
     * an AMQP large message (its journal refuses one while it arrives, {@link AmqpLargeMessageLimit}) and a STOMP
     * frame ({@link BoundedStompProtocolManagerFactory}), both at the most a message may be.
     */
    private static final class BoundedEmbeddedActiveMQ extends EmbeddedActiveMQ {
        /** How many frames of the largest size all STOMP connections together may hold while they arrive. */
        static final int STOMP_BUDGET_FRAMES = 2;

        private final long maxMessageBytes;

        BoundedEmbeddedActiveMQ(long maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void createActiveMQServer() {
            if (activeMQServer == null) {
                activeMQServer = new ActiveMQServerImpl(configuration, securityManager) {
                    @Override
                    protected StorageManager createStorageManager() {
                        // As Artemis' own for a file journal, with the AMQP large-message bound.
                        AmqpLargeMessageLimit journal = new AmqpLargeMessageLimit(getConfiguration(), getCriticalAnalyzer(),
                                executorFactory, scheduledPool, ioExecutorFactory, ioCriticalErrorListener, maxMessageBytes);
                        getCriticalAnalyzer().add(journal);
                        return journal;
                    }
                };
                // Frames in progress on all STOMP connections together: two of the largest at most.
                activeMQServer.addProtocolManagerFactory(new BoundedStompProtocolManagerFactory(maxMessageBytes,
                        STOMP_BUDGET_FRAMES * maxMessageBytes));
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (watchdog != null) {
            watchdog.stop();
        }
        synchronized (this) {
            stopServer();
        }
    }

    private void stopServer() throws Exception {
        if (embedded != null) {
            embedded.stop();
            LOG.info("Embedded Artemis broker stopped");
        }
    }
}
