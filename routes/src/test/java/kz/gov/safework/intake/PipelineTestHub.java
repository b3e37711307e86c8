package kz.gov.safework.intake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.signature.HubSigner;
import io.opentelemetry.sdk.trace.SpanProcessor;
import kz.gov.safework.observe.EmbeddedBroker;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.observe.Tracing;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.store.Outages;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionSteps;
import kz.gov.safework.store.TestDatabases;
import kz.gov.safework.validation.BusinessRules;
import kz.gov.safework.validation.Judge;
import kz.gov.safework.validation.NoSignatures;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The pipeline as {@code HubConfiguration} wires it, in one JVM: the production properties
 * ({@code config/application.properties}), the real reference data, an in-VM Artemis whose address
 * settings follow the hub's embedded broker (DLQ after {@code hub.pipeline.max-attempts} deliveries; no
 * redelivery delay, to keep the test quick), H2 in memory migrated by Flyway, the real message log,
 * judge and store. The store's database can be switched to fail every {@code INSERT INTO submission},
 * the way a database that went away fails the pipeline.
 */
final class PipelineTestHub implements AutoCloseable {
    private static final Path CONFIG = Path.of("..", "config");
    static final String RECEIPTS = "hub.receipts." + Channel.JMS.id();
    /** Where {@link #withQueueChannel()} sends a JMS-channel receipt itself: every report there is AKIMAT-ASTANA's. */
    static final String AGENCY_RECEIPTS = Queues.receiptsOf("AKIMAT-ASTANA");

    /** Stands in for the hub's key: names the SHA-256 of exactly the bytes it was given. */
    static final HubSigner SIGNER = payload -> {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    };

    final int maxAttempts;
    final AtomicBoolean storeDown = new AtomicBoolean();
    /** The database gone: every new connection is refused, as when the server stops. */
    final AtomicBoolean databaseGone = new AtomicBoolean();
    final Outages outages;
    final AtomicInteger failedStores = new AtomicInteger();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CamelContext context;
    final DataSource database;
    private final EmbeddedBroker broker;
    private final JmsPoolConnectionFactory pool;
    final Path dataDir;
    private final AtomicLong transportIds = new AtomicLong();

    PipelineTestHub() throws Exception {
        this(null);
    }

    /** With Camel's OpenTelemetry tracing installed as the hub does, spans to the given processor (null: off). */
    PipelineTestHub(SpanProcessor spans) throws Exception {
        this(spans, false);
    }

    /** The logins of the provenance API when it is served: an operator and the agencies AKIMAT-ASTANA and MZ. */
    static final java.util.Map<String, kz.gov.safework.contract.reference.Principals.Principal> API_LOGINS = java.util.Map.of(
            "operator", new kz.gov.safework.contract.reference.Principals.Principal("operator", null,
                    java.util.Set.of(kz.gov.safework.contract.reference.Principals.Role.OPERATOR)),
            "akimat-astana", new kz.gov.safework.contract.reference.Principals.Principal("akimat-astana",
                    "AKIMAT-ASTANA", java.util.Set.of(kz.gov.safework.contract.reference.Principals.Role.AGENCY)),
            "mz", new kz.gov.safework.contract.reference.Principals.Principal("mz", "MZ",
                    java.util.Set.of(kz.gov.safework.contract.reference.Principals.Role.AGENCY)));
    /** The port of the provenance API (trail, resend, republish) over platform-http; 0 when not served. */
    final int apiPort;
    final SubmissionSteps steps;

    /** With the provenance API served over HTTP (logins {@link #API_LOGINS}, password {@code <login>-secret}). */
    static PipelineTestHub withApi() throws Exception {
        return new PipelineTestHub(null, true, false);
    }

    /**
     * With the queue channel as the hub wires it (connectors' {@code JmsChannelRoutes}, which this module does
     * not know): route "jms-intake" consumes reports.in ({@code hub.jms.reports-in.uri}), paused during a store outage
     * ({@link PipelineRoutes#pauseOnOutage}), and calls {@link PipelineRoutes#JUDGE} with the envelope in memory as
     * that adapter makes it: the {@link EnvelopeHeaders} and the broker's delivery count as headers, the bytes as body,
     * no JMS message behind it. Every report is AKIMAT-ASTANA's (login akimat-astana). A JMS-channel receipt goes, in
     * the pipeline's transaction ({@link DirectReceipts}), to {@link #AGENCY_RECEIPTS}. The API is served as by
     * {@link #withApi()}.
     */
    static PipelineTestHub withQueueChannel() throws Exception {
        return new PipelineTestHub(null, true, true);
    }

    /** The part of the queue channel's addressing the tests read: the agency's queue, correlation, duplicate id. */
    private static void addressReceipt(org.apache.camel.Exchange exchange) {
        org.apache.camel.Message receipt = exchange.getMessage();
        String resend = receipt.getHeader(EnvelopeHeaders.RESEND_ID, String.class);
        receipt.setHeader(org.apache.camel.component.jms.JmsConstants.JMS_DESTINATION_NAME, AGENCY_RECEIPTS);
        receipt.setHeader("JMSCorrelationID", receipt.getHeader(EnvelopeHeaders.CORRELATION));
        receipt.setHeader(Queues.DUPLICATE_ID, "receipt-" + receipt.getHeader(EnvelopeHeaders.SUBMISSION_ID)
                + (resend == null ? "" : "-resend-" + resend));
        receipt.removeHeaders("sw*", EnvelopeHeaders.SUBMISSION_ID, EnvelopeHeaders.STATUS, EnvelopeHeaders.AGENCY);
    }

    private static org.apache.camel.builder.RouteBuilder queueChannel(PipelineRoutes pipeline) {
        return new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("{{hub.jms.reports-in.uri}}").routeId("jms-intake").routePolicy(pipeline.pauseOnOutage())
                        .process(exchange -> {
                            Message report = exchange.getMessage(org.apache.camel.component.jms.JmsMessage.class)
                                    .getJmsMessage();
                            var envelope = new org.apache.camel.support.DefaultMessage(exchange);
                            envelope.setHeader("JMSXDeliveryCount", report.getIntProperty("JMSXDeliveryCount"));
                            envelope.setHeader(EnvelopeHeaders.CHANNEL, Channel.JMS.id());
                            envelope.setHeader(EnvelopeHeaders.LOGIN, "akimat-astana");
                            envelope.setHeader(EnvelopeHeaders.AGENCY, "AKIMAT-ASTANA");
                            envelope.setHeader(EnvelopeHeaders.TRANSPORT_ID, report.getJMSMessageID());
                            envelope.setHeader(EnvelopeHeaders.CORRELATION, report.getJMSMessageID());
                            envelope.setHeader(EnvelopeHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8");
                            envelope.setHeader(EnvelopeHeaders.RECEIVED_AT, Instant.now().toString());
                            envelope.setBody(report.getBody(String.class).getBytes(StandardCharsets.UTF_8));
                            exchange.setMessage(envelope);
                        })
                        .to(PipelineRoutes.JUDGE);
            }
        };
    }

    /** With this many concurrent consumers of hub.intake (one otherwise), to answer one envelope on two threads. */
    static PipelineTestHub withConsumers(int consumers) throws Exception {
        return new PipelineTestHub(null, false, false, consumers);
    }

    private PipelineTestHub(SpanProcessor spans, boolean api) throws Exception {
        this(spans, api, false);
    }

    private PipelineTestHub(SpanProcessor spans, boolean api, boolean queueChannel) throws Exception {
        this(spans, api, queueChannel, 1);
    }

    private PipelineTestHub(SpanProcessor spans, boolean api, boolean queueChannel, int consumers) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = new FileInputStream(CONFIG.resolve("application.properties").toFile())) {
            properties.load(in);
        }
        properties.setProperty("hub.consumers", Integer.toString(consumers));
        maxAttempts = Integer.parseInt(properties.getProperty("hub.pipeline.max-attempts"));

        broker = new EmbeddedBroker(maxAttempts, Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED, Queues.DLQ,
                RECEIPTS, AGENCY_RECEIPTS);

        dataDir = Files.createTempDirectory("pipeline-data");
        database = failing(TestDatabases.h2().dataSource());
        Clock clock = Clock.systemUTC();
        SubmissionStore store = new SubmissionStore(database, clock);
        HubMeters meters = new HubMeters(registry);
        Judge judge = new Judge(DocumentReader.progressReports(), NoSignatures.of(ReferenceData.load(CONFIG)),
                new BusinessRules(ReferenceData.load(CONFIG)), store,
                Long.parseLong(properties.getProperty("hub.max-document-size", "10485760")));

        outages = new Outages(database, dataDir, clock, java.time.Duration.ofMinutes(10));
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        if (spans != null) {
            Tracing.install(context, spans, "pipeline-test");
        }
        pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(connectionFactory());
        // As the hub wires it: a transacted route's sends share the consumer's session; repeated answers go out
        // in sessions of their own.
        context.addComponent("jms", JmsTransactions.component(pool));
        context.getRegistry().bind(JmsTransactions.OWN_SESSIONS, JmsTransactions.ownSessions(pool));
        steps = new SubmissionSteps(database, clock);
        MessageLog messageLog = new MessageLog(dataDir, database, clock);
        PipelineRoutes pipeline = new PipelineRoutes(new EnvelopeReader(messageLog, clock),
                new Pipeline(judge, store, meters), meters, clock, outages, 200, SIGNER, steps,
                queueChannel ? List.of(new DirectReceipts(Channel.JMS, PipelineTestHub::addressReceipt,
                        "{{hub.jms.receipts-out.uri}}")) : List.of());
        context.addRoutes(pipeline);
        if (queueChannel) {
            context.addRoutes(queueChannel(pipeline));
        }
        if (api) {
            apiPort = org.apache.camel.test.AvailablePortFinder.getNextAvailable();
            var http = new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration();
            http.setBindHost("127.0.0.1");
            http.setBindPort(apiPort);
            context.addService(new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer(http));
            context.getRestConfiguration().setComponent("platform-http");
            kz.gov.safework.api.ApiAuthenticator authenticator = header -> kz.gov.safework.api.BasicCredentials
                    .parse(header).filter(c -> c.password().equals(c.login() + "-secret"))
                    .map(c -> API_LOGINS.get(c.login()));
            context.addRoutes(new kz.gov.safework.api.ApiRouteConfiguration());
            context.addRoutes(new kz.gov.safework.receipts.SubmissionTrailRoutes(store, messageLog, steps,
                    new kz.gov.safework.store.SubmissionTrail(database, steps),
                    new kz.gov.safework.observe.OperatorActions(database), clock,
                    kz.gov.safework.api.ApiAuthentication.anyLogin(authenticator, exchange -> java.util.Optional.empty())));
        } else {
            apiPort = 0;
        }
        context.start();
    }

    ConnectionFactory connectionFactory() {
        return broker.connectionFactory();
    }

    /** A report on reports.in ({@link #withQueueChannel()}); returns its JMSMessageID. */
    String sendReport(String body) throws Exception {
        try (Connection connection = connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Message message = session.createTextMessage(body);
            session.createProducer(session.createQueue(Queues.REPORTS_IN)).send(message);
            return message.getJMSMessageID();
        }
    }

    /** Messages ever put on the queue (consumed or not). */
    long messagesAdded(String queue) {
        return broker.messagesAdded(queue);
    }

    /** An envelope as the JMS channel puts it on hub.intake; returns its transport id. */
    String sendEnvelope(String agency, String body) throws Exception {
        String transportId = "T-" + transportIds.incrementAndGet();
        sendEnvelope(agency, transportId, body);
        return transportId;
    }

    void sendEnvelope(String agency, String transportId, String body) throws Exception {
        sendEnvelope(Channel.JMS, agency, transportId, body, java.util.Map.of());
    }

    /** An envelope as the given channel's adapter puts it on hub.intake, with extra message properties. */
    void sendEnvelope(Channel channel, String agency, String transportId, String body,
            java.util.Map<String, String> properties) throws Exception {
        try (Connection connection = connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body.getBytes(StandardCharsets.UTF_8));
            for (var property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            message.setStringProperty(EnvelopeHeaders.CHANNEL, channel.id());
            message.setStringProperty(EnvelopeHeaders.LOGIN, agency.toLowerCase(java.util.Locale.ROOT));
            message.setStringProperty(EnvelopeHeaders.AGENCY, agency);
            message.setStringProperty(EnvelopeHeaders.TRANSPORT_ID, transportId);
            message.setStringProperty(EnvelopeHeaders.CORRELATION, transportId);
            message.setStringProperty(EnvelopeHeaders.CONTENT_TYPE, "application/json");
            message.setStringProperty(EnvelopeHeaders.RECEIVED_AT, Instant.now().toString());
            session.createProducer(session.createQueue(Queues.INTAKE)).send(message);
        }
    }

    /** A message taken off a queue, its body read while the session was open. */
    record Received(Message message, String text) {
    }

    /** An envelope as a text message without a transport id (the hub then uses the JMSMessageID); returns that id. */
    String sendTextEnvelopeWithoutTransportId(String agency, String body) throws Exception {
        try (Connection connection = connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Message message = session.createTextMessage(body);
            message.setStringProperty(EnvelopeHeaders.CHANNEL, Channel.JMS.id());
            message.setStringProperty(EnvelopeHeaders.LOGIN, agency.toLowerCase(java.util.Locale.ROOT));
            message.setStringProperty(EnvelopeHeaders.AGENCY, agency);
            session.createProducer(session.createQueue(Queues.INTAKE)).send(message);
            return message.getJMSMessageID();
        }
    }

    /** Takes every message now on the queue (the test has already waited for the pipeline to finish). */
    List<Received> drain(String queue) throws Exception {
        List<Received> messages = new ArrayList<>();
        try (Connection connection = connectionFactory().createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message message = consumer.receive(2000); message != null; message = consumer.receive(500)) {
                messages.add(new Received(message, text(message)));
            }
        }
        return messages;
    }

    long messageCount(String queue) {
        return broker.messageCount(queue);
    }

    private static String text(Message message) throws Exception {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        return message.getBody(String.class);
    }

    /** The store's database, failing {@code INSERT INTO submission} while {@link #storeDown} is set. */
    private DataSource failing(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && databaseGone.get()) {
                        throw new java.sql.SQLTransientConnectionException("Connection refused", "08001");
                    }
                    Object result = invoke(real, method, args);
                    if (result instanceof java.sql.Connection connection) {
                        return failing(connection);
                    }
                    return result;
                });
    }

    private java.sql.Connection failing(java.sql.Connection real) {
        return (java.sql.Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                            && sql.strip().startsWith("INSERT INTO submission ") && storeDown.get()) {
                        failedStores.incrementAndGet();
                        throw new SQLException("database unavailable");
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws Exception {
        context.close();
        pool.stop();
        broker.close();
    }
}
