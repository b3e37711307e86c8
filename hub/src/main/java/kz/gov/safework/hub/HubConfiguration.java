package kz.gov.safework.hub;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import javax.sql.DataSource;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiDescription;
import kz.gov.safework.api.ApiDocumentRoutes;
import kz.gov.safework.api.ApiRouteConfiguration;
import kz.gov.safework.api.TlsLogin;
import kz.gov.safework.contract.Json;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.LogText;
import kz.gov.safework.connectors.identity.LoginThrottle;
import kz.gov.safework.connectors.jms.BrokerSettings;
import kz.gov.safework.connectors.jms.EmbeddedBroker;
import kz.gov.safework.connectors.jms.JmsChannelRoutes;
import kz.gov.safework.connectors.jms.JmsEnvelopeProcessor;
import kz.gov.safework.connectors.mail.ImapHealthCheck;
import kz.gov.safework.connectors.mail.MailBeans;
import kz.gov.safework.connectors.mail.MailSettings;
import kz.gov.safework.connectors.mail.MailConfiguration;
import kz.gov.safework.connectors.mail.MailIntakeRoutes;
import kz.gov.safework.connectors.mail.MailReceiptRoutes;
import kz.gov.safework.connectors.sftp.DropBox;
import kz.gov.safework.connectors.sftp.DropBoxRoutes;
import kz.gov.safework.connectors.sftp.RemoteSftpRoutes;
import kz.gov.safework.connectors.sftp.SftpConfiguration;
import kz.gov.safework.connectors.sftp.SftpSettings;
import kz.gov.safework.connectors.tls.TlsSettings;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.schema.ContractFiles;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.signature.AgencyCertificates;
import kz.gov.safework.contract.signature.SignatureVerifier;
import kz.gov.safework.hub.observe.BrokerHealthCheck;
import kz.gov.safework.hub.observe.DatabaseHealthCheck;
import kz.gov.safework.hub.observe.DeadThreads;
import kz.gov.safework.hub.observe.HealthAndMetricsRoutes;
import kz.gov.safework.hub.observe.WorkersHealthCheck;
import kz.gov.safework.intake.DirectReceipts;
import kz.gov.safework.intake.EnvelopeReader;
import kz.gov.safework.intake.JmsTransactions;
import kz.gov.safework.intake.Pipeline;
import kz.gov.safework.intake.PipelineRoutes;
import kz.gov.safework.observe.ConsoleRoutes;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.cycle.CycleApiRoutes;
import kz.gov.safework.cycle.CycleRoutes;
import kz.gov.safework.cycle.CycleServices;
import kz.gov.safework.observe.ArtemisManagement;
import kz.gov.safework.observe.ChannelSuspensions;
import kz.gov.safework.observe.IntakeChannel;
import kz.gov.safework.observe.IntakeRouteControl;
import kz.gov.safework.observe.SuspendedIntakeHealth;
import kz.gov.safework.observe.ObserveRoutes;
import kz.gov.safework.observe.ObserveServices;
import kz.gov.safework.observe.OperatorApiRoutes;
import kz.gov.safework.observe.StatusRoutes;
import kz.gov.safework.observe.Tracing;
import kz.gov.safework.receipts.ContractFileRoutes;
import kz.gov.safework.receipts.KeyRoutes;
import kz.gov.safework.receipts.ValidateRoutes;
import kz.gov.safework.receipts.ReceiptApiRoutes;
import kz.gov.safework.receipts.SubmissionTrailRoutes;
import kz.gov.safework.store.LeaseClusterService;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.store.Outages;
import kz.gov.safework.store.Retention;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionSteps;
import kz.gov.safework.store.SubmissionTrail;
import kz.gov.safework.validation.BusinessRules;
import kz.gov.safework.validation.Judge;
import kz.gov.safework.validation.Signatures;
import kz.gov.safework.contract.signature.HubSigningKeys;
import kz.gov.safework.contract.signature.SignaturePolicy;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.health.HealthCheckResultStrategy;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceHelper;
import org.flywaydb.core.Flyway;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the hub's object graph in one place: reference data and credentials from the config dir, the one clock,
 * the database (migrated), the broker (embedded unless {@code hub.broker.url}), the pooled JMS component, the
 * metrics registry, and every capability's services and routes, each given its collaborators through its
 * constructor. Module code looks nothing up by name; the registry holds only what Camel itself resolves (health
 * checks, the JMS connection factory an endpoint URI names).
 */
public final class HubConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);
    static final String MAIL_SIGNATURE_DEFAULT = "hub.mail.signature-default";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();

        Path configDir = Path.of(settings.get(HubSettings.CONFIG_DIR));
        Path dataDir = Path.of(settings.get(HubSettings.DATA_DIR)).toAbsolutePath();
        Clock clock = Clock.systemUTC();

        // Production refuses demo settings before anything listens (every violation in one message).
        if (settings.getBoolean(HubSettings.PRODUCTION)) {
            ProductionCheck.verify(settings::get, configDir);
        }

        tracing(context, settings);

        HubSigningKeys signingKeys = HubSigning.keys(settings::get, configDir, dataDir, clock,
                settings.getDuration(HubSettings.SIGNING_RELOAD_INTERVAL), LOG::warn);
        LOG.info("Answers signed with key {} ({}){}", signingKeys.current().kid(), signingKeys.current().algorithm(),
                settings.get(HubSettings.SIGNING_KEYSTORE).isEmpty()
                        ? ", the DEMO key in " + dataDir.resolve(HubSigning.DEMO_KEYSTORE) + " (set " + HubSettings.SIGNING_KEYSTORE + " for real use)" : "");

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HubMeters meters = new HubMeters(metrics);
        // The channels that log in with Credentials (HubSecurityManager, DropBoxServer, CredentialsMailUser,
        // CredentialsAuthenticator), shown at 0 from the start for the lockout alert.
        meters.authLockoutChannels(java.util.List.of("broker", "sftp", "mail", "http"));

        ReferenceData referenceData = ReferenceData.load(configDir);
        int maxFailures = settings.getInt(HubSettings.AUTH_MAX_FAILURES);
        LoginThrottle throttle = new LoginThrottle(clock, maxFailures, settings.getDuration(HubSettings.AUTH_LOCKOUT),
                (channel, login, until) -> {
                    LOG.warn("Login {} locked until {} after {} wrong passwords within {} (the last on {})",
                            LogText.quote(login), until, maxFailures, LoginThrottle.WINDOW, channel);
                    meters.authLockout(channel);
                });
        Credentials credentials = credentials(settings, configDir).throttledBy(throttle);
        CredentialsAuthenticator authenticator =
                new CredentialsAuthenticator(credentials, new Principals(referenceData));
        TlsLogin certificates = new HttpsCertificateLogin(authenticator);

        HikariDataSource dataSource = dataSource(settings, dataDir);
        // Each capability numbers its own migrations in a range (store 1-9, cycle 10-19, operators 20-29, mail 30-39,
        // SFTP 40-49), so a new store migration (V2) comes after a database already at V40: out of order by design.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load().migrate();

        String brokerUrl = settings.get(HubSettings.BROKER_URL);
        String hubUser = settings.get(HubSettings.BROKER_USER);
        String hubPassword = settings.get(HubSettings.BROKER_PASSWORD);
        EmbeddedBroker broker = null;
        if (brokerUrl.isBlank()) {
            if (hubPassword.isBlank()) {
                byte[] secret = new byte[24];
                new SecureRandom().nextBytes(secret);
                hubPassword = HexFormat.of().formatHex(secret);
            }
            broker = new EmbeddedBroker(new BrokerSettings(dataDir, settings.get(HubSettings.BROKER_HOST),
                    settings.getInt(HubSettings.BROKER_PORT), settings.getInt(HubSettings.BROKER_TLS_PORT),
                    TlsSettings.load(context.getPropertiesComponent()), hubUser, hubPassword, "mtszn",
                    brokerMaxDeliveryAttempts(settings),
                    settings.getInt(HubSettings.BROKER_REDELIVERY_DELAY),
                    settings.getInt(HubSettings.BROKER_ID_CACHE),
                    BrokerSettings.maxMessageBytesFor(settings.getLong(HubSettings.MAX_DOCUMENT_SIZE)),
                    settings.getLong(HubSettings.BROKER_ADDRESS_MAX_BYTES),
                    settings.getLong(HubSettings.BROKER_ADDRESS_MEMORY_BYTES),
                    settings.getInt(HubSettings.BROKER_MAX_QUEUES),
                    settings.getInt(HubSettings.BROKER_MAX_CONNECTIONS),
                    settings.getLong(HubSettings.BROKER_REPLY_QUEUE_IDLE),
                    settings.getInt(HubSettings.BROKER_MAX_DISK_USAGE)),
                    configDir.resolve("broker").resolve("broker.xml"), credentials, referenceData);
            ServiceHelper.startService(broker);
            brokerUrl = EmbeddedBroker.IN_VM_URL;
        }
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(brokerUrl, hubUser, hubPassword);
        JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(artemis);
        pooled.setMaxConnections(settings.getInt(HubSettings.JMS_MAX_CONNECTIONS));
        pooled.setMaxSessionsPerConnection(500);
        context.addComponent("jms", JmsTransactions.component(pooled));
        registry.bind("jmsConnectionFactory", pooled);
        registry.bind(JmsTransactions.OWN_SESSIONS, jakarta.jms.ConnectionFactory.class, JmsTransactions.ownSessions(pooled));

        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        // Camel's route metrics on the hub's own registry, passed in (not looked up by name): this registry is the
        // one /observe/metrics serves (HealthAndMetricsRoutes). Camel Main's camel.metrics.* is not used: it needs
        // camel-micrometer-prometheus, which the hub does not ship, and would make a second registry.
        MicrometerRoutePolicyFactory routeMetrics = new MicrometerRoutePolicyFactory();
        routeMetrics.setMeterRegistry(metrics);
        context.addRoutePolicyFactory(routeMetrics);

        // Health checks bound as beans: the health-check registry picks them up when it starts.
        registry.bind("brokerHealthCheck", new BrokerHealthCheck(pooled));
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource));
        EmbeddedBroker embedded = broker;
        registry.bind("workersHealthCheck", new WorkersHealthCheck(DeadThreads.install(),
                () -> embedded == null || embedded.server().isActive()));

        long maxBytes = settings.getLong(HubSettings.MAX_DOCUMENT_SIZE);
        MessageLog messageLog = new MessageLog(dataDir, dataSource, clock);
        SubmissionStore store = new SubmissionStore(dataSource, clock);
        Judge judge = new Judge(DocumentReader.progressReports(), signatures(configDir, referenceData, clock,
                        mailSignatureDefault(settings)),
                new BusinessRules(referenceData), store, maxBytes);

        context.getRestConfiguration().setApiProperties(java.util.Map.of(
                "api.title", "Safe Labour reporting hub",
                "api.version", "1",
                "api.description", "Receipts, checking a document without sending it, the reporting cycle and the "
                        + "operator console's API. Every /api path needs a login (security scheme basic); the /observe "
                        + "paths need none. The contract's schemas and example documents are served at /schemas/."));
        context.addRoutes(new ApiRouteConfiguration());
        context.addRoutes(new HealthAndMetricsRoutes(metrics));
        ObserveServices observe = new ObserveServices(context, clock, new ArtemisManagement(pooled), dataSource, store,
                metrics, authenticator, certificates, referenceData, intakeChannels(context, referenceData));
        // Operator controls (issue 14): suspended channels read from the database before any route starts; the queue's
        // route is held stopped, polled sources skip their polls, health says "suspended" instead of DOWN.
        ChannelSuspensions suspensions = observe.channelSuspensions();
        IntakeRouteControl intakeRoutes = new IntakeRouteControl(context, suspensions);
        context.addRoutePolicyFactory(intakeRoutes);
        registry.bind("suspendedIntakeHealth", HealthCheckResultStrategy.class, new SuspendedIntakeHealth(suspensions));
        context.addRoutes(new ObserveRoutes(observe));
        context.addRoutes(new StatusRoutes(observe));
        context.addRoutes(new OperatorApiRoutes(observe));
        context.addRoutes(new ConsoleRoutes());
        Outages outages = new Outages(dataSource, dataDir, clock,
                java.time.Duration.parse(settings.get(HubSettings.OUTAGE_TOLERANCE)));
        registry.bind("outageHealthCheck", new kz.gov.safework.hub.observe.OutageHealthCheck(outages));
        SubmissionSteps steps = new SubmissionSteps(dataSource, clock);
        PipelineRoutes pipeline = new PipelineRoutes(new EnvelopeReader(messageLog, clock),
                new Pipeline(judge, store, meters), meters, clock, outages,
                settings.getLong(HubSettings.OUTAGE_CHECK_INTERVAL), signingKeys, steps,
                // Queue receipts leave in the pipeline's transaction, addressed as the queue channel does.
                java.util.List.of(new DirectReceipts(Channel.JMS, JmsChannelRoutes::addressReceipt,
                        JmsChannelRoutes.RECEIPTS_OUT_URI)));
        // Added (so started) before the queue's route that calls its JUDGE.
        context.addRoutes(pipeline);
        // Queue reports go to the pipeline in the transaction that consumes them (no hub.intake hop), and the queue's
        // consumer pauses during a store outage as the pipeline's does.
        context.addRoutes(new JmsChannelRoutes(new JmsEnvelopeProcessor(referenceData, clock, maxBytes),
                PipelineRoutes.JUDGE, pipeline.pauseOnOutage()));
        intakeRoutes.holdSuspendedRoutes();
        ApiAuthentication anyLogin = ApiAuthentication.anyLogin(authenticator, certificates);
        context.addRoutes(new ReceiptApiRoutes(store, messageLog, observe.actions(), clock, anyLogin));
        context.addRoutes(new SubmissionTrailRoutes(store, messageLog, steps, new SubmissionTrail(dataSource, steps),
                observe.actions(), clock, anyLogin));
        context.addRoutes(new KeyRoutes(signingKeys::publicKeys, anyLogin));
        ContractFiles contractFiles = ContractFiles.load();
        context.addRoutes(new ContractFileRoutes(contractFiles));
        context.addRoutes(new ApiDocumentRoutes(new ApiDescription(java.util.Map.of("Receipt",
                Json.mapper().readTree(contractFiles.file("receipt/receipt-v1.schema.json").orElseThrow().bytes())),
                HealthAndMetricsRoutes.openApiPaths())));
        context.addRoutes(new ValidateRoutes(judge, store, clock, dataDir.resolve("validate"), anyLogin));
        CycleServices cycle = CycleServices.create(context, dataSource, store, referenceData, clock, authenticator,
                certificates, signingKeys);
        context.addRoutes(new CycleRoutes(cycle, metrics));
        context.addRoutes(new CycleApiRoutes(cycle));
        new SftpConfiguration(referenceData, credentials, dataSource, clock, metrics, suspensions::isSuspended)
                .configure(context);
        MailBeans mail = new MailBeans(referenceData, dataSource, clock, MailBeans.imapPoll(clock), signingKeys,
                suspensions::isSuspended);
        new MailConfiguration(mail, credentials, metrics).configure(context);
        context.addRoutes(new MailIntakeRoutes(mail));
        context.addRoutes(new MailReceiptRoutes(mail));
        context.addRoutes(retentionRoutes(settings, SftpSettings.from(context.getPropertiesComponent()).dropBoxRoot(),
                messageLog, clock));

        // Stopped after the routes, in reverse order of adding: the pool before the broker, the database last.
        context.addService(new Closer("database", dataSource::close), true, true);
        // Singleton routes on the database lease (after the database: stopped before it, so leases are released).
        LeaseClusterService cluster = new LeaseClusterService(LeaseClusterService.instanceId(context), dataSource,
                clock, settings.getDuration(HubSettings.CLUSTER_LEASE));
        context.addService(cluster, true, true);
        SingletonRoutes singletons = SingletonRoutes.of(cluster, referenceData);
        singletons.install(context);
        LOG.info("Cluster instance {}: singleton routes {} run on the holder of their lease", cluster.getId(),
                singletons.routeIds());
        if (broker != null) {
            context.addService(broker, true, true);
        }
        context.addService(new Closer("jms pool", pooled::stop), true, true);
        LOG.info("Hub configured: config {}, data {}, broker {}, database {}", configDir.toAbsolutePath(), dataDir,
                brokerUrl, dataSource.getJdbcUrl());
    }

    /**
     * hub.tracing.otlp-endpoint: Camel's OpenTelemetry tracing, exported in batches over OTLP/HTTP. Empty (the default):
     * nothing is installed, no span is made or sent. Wired here rather than by camel-main's keys because the hub
     * accepts only its own strictly checked traceparent ({@link kz.gov.safework.observe.TraceParentPropagator}).
     */
    private static void tracing(CamelContext context, Settings settings) throws Exception {
        String endpoint = settings.get(HubSettings.TRACING_OTLP_ENDPOINT);
        if (endpoint.isBlank()) {
            return;
        }
        SdkTracerProvider provider = Tracing.install(context, BatchSpanProcessor.builder(
                OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()).build(),
                settings.get(HubSettings.TRACING_SERVICE_NAME));
        // Stopped after the routes (services stop in reverse order): the last spans are flushed.
        context.addService(new Closer("tracing", provider::close), true, true);
        LOG.info("Tracing on: spans exported over OTLP to {}", LogText.quote(endpoint));
    }

    /**
     * The channels an operator can suspend: the queue always, the drop box unless {@code hub.sftp.port=0}, the mailbox
     * when mail is on, and each agency's own SFTP server (channel = its route's id, {@code sftp-remote-<CODE>}).
     */
    static java.util.List<IntakeChannel> intakeChannels(CamelContext context, ReferenceData referenceData) {
        java.util.List<IntakeChannel> channels = new java.util.ArrayList<>();
        channels.add(new IntakeChannel(Channel.JMS.id(), JmsChannelRoutes.INTAKE_ROUTE_ID, null, false));
        if (SftpSettings.from(context.getPropertiesComponent()).dropBoxEnabled()) {
            channels.add(new IntakeChannel(Channel.SFTP.id(), DropBoxRoutes.INTAKE_ROUTE_ID, null, true));
        }
        if (MailSettings.load(context).enabled()) {
            channels.add(new IntakeChannel(Channel.MAIL.id(), MailIntakeRoutes.ROUTE_ID, ImapHealthCheck.ID, true));
        }
        referenceData.agencies().stream().filter(agency -> agency.remoteSftp() != null)
                .map(RemoteSftpRoutes::routeId)
                .forEach(id -> channels.add(new IntakeChannel(id, id, id, true)));
        return channels;
    }

    /** hub.retention: a daily purge of the message log and the SFTP homes' archive/ and receipts/. */
    private static org.apache.camel.builder.RouteBuilder retentionRoutes(Settings settings, Path dropBoxRoot,
            MessageLog messageLog, Clock clock) {
        Retention retention = new Retention(messageLog, clock,
                java.time.Period.parse(settings.get(HubSettings.RETENTION)), () -> homeFolders(dropBoxRoot));
        return new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("timer:retention?delay={{" + HubSettings.RETENTION_PERIOD + "}}&period={{"
                        + HubSettings.RETENTION_PERIOD + "}}").routeId("retention")
                        .process(exchange -> retention.purge());
            }
        };
    }

    private static java.util.List<Path> homeFolders(Path dropBoxRoot) {
        if (!java.nio.file.Files.isDirectory(dropBoxRoot)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> homes = java.nio.file.Files.list(dropBoxRoot)) {
            return homes.flatMap(home -> java.util.stream.Stream.of(home.resolve(DropBox.ARCHIVE),
                    home.resolve(DropBox.RECEIPTS))).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * hub.broker.max-delivery-attempts, falling back to hub.pipeline.max-attempts (which meant both until now; the
     * fallback stays for one release). The pipeline must give up, with its reason, before the broker does without one.
     */
    static int brokerMaxDeliveryAttempts(Settings settings) {
        int pipeline = settings.getInt(HubSettings.PIPELINE_MAX_ATTEMPTS);
        String configured = settings.get(HubSettings.BROKER_MAX_DELIVERY_ATTEMPTS);
        int broker = configured.isEmpty() ? pipeline : Integer.parseInt(configured);
        if (broker < pipeline) {
            throw new IllegalStateException(HubSettings.BROKER_MAX_DELIVERY_ATTEMPTS + "=" + broker + " is below "
                    + HubSettings.PIPELINE_MAX_ATTEMPTS + "=" + pipeline + ": the broker would dead-letter envelopes"
                    + " without the pipeline's reason");
        }
        return broker;
    }

    /** Agencies' signing certificates from the folders agencies.yaml names (issue 17); a missing folder stops start-up. */
    /**
     * hub.mail.signature-default: the policy of mail documents where agencies.yaml says nothing for mail; empty means
     * required in production (a mail's sender is only as strong as its MTA), optional otherwise.
     */
    static SignaturePolicy mailSignatureDefault(java.util.function.Function<String, String> settings) {
        String configured = settings.apply(MAIL_SIGNATURE_DEFAULT);
        if (!configured.isEmpty()) {
            return SignaturePolicy.of(configured);
        }
        return Boolean.parseBoolean(settings.apply(HubSettings.PRODUCTION)) ? SignaturePolicy.REQUIRED
                : SignaturePolicy.DEFAULT;
    }

    private static SignaturePolicy mailSignatureDefault(Settings settings) {
        return mailSignatureDefault(settings::get);
    }

    private static Signatures signatures(Path configDir, ReferenceData referenceData, Clock clock,
            SignaturePolicy mailDefault) throws IOException {
        java.util.Map<String, String> folders = new java.util.TreeMap<>();
        referenceData.agencies().stream().filter(agency -> agency.certificates() != null)
                .forEach(agency -> folders.put(agency.code(), agency.certificates()));
        return new Signatures(new SignatureVerifier(AgencyCertificates.load(configDir, folders), clock), referenceData,
                java.util.Map.of(kz.gov.safework.contract.envelope.Channel.MAIL.id(), mailDefault));
    }

    private static Credentials credentials(Settings settings, Path configDir) {
        String file = settings.get(HubSettings.CREDENTIALS_FILE);
        if (!file.isBlank()) {
            return Credentials.load(configDir.resolve(file));
        }
        if (settings.getBoolean(HubSettings.DEMO)) {
            return Credentials.loadDemo(configDir.resolve(HubSettings.DEMO_CREDENTIALS));
        }
        throw new IllegalStateException("No credentials: set " + HubSettings.CREDENTIALS_FILE + " or " + HubSettings.DEMO + "=true");
    }

    private static HikariDataSource dataSource(Settings settings, Path dataDir) {
        String url = settings.get(HubSettings.DB_URL);
        if (url.isBlank()) {
            // WRITE_DELAY=0: a commit reaches the file before the JMS transaction commits, so a kill -9
            // cannot lose a stored judgement whose receipt and feed message already went out. It is not
            // fsynced by H2 itself: the stores commit what others act on with Sql.durableCommit.
            url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("hub") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(settings.get(HubSettings.DB_USER));
        config.setPassword(settings.get(HubSettings.DB_PASSWORD));
        config.setMaximumPoolSize(settings.getInt(HubSettings.DB_POOL));
        config.setPoolName("hub-db");
        return new HikariDataSource(config);
    }
}
