package kz.gov.safework.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.store.Sql;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The observe capability as the hub runs it, in one JVM: an embedded Artemis broker, H2 migrated by
 * Flyway from the real migrations, a CamelContext with camel-micrometer's route policy on a Prometheus
 * registry, platform-http (Vert.x) on a free port, and the observe route builders, with two channels an operator can
 * suspend.
 */
final class ObserveTestHub implements AutoCloseable {
    /** Channels an operator can suspend here (their routes are not in this hub: only their state is). */
    static final List<IntakeChannel> INTAKE_CHANNELS = List.of(
            new IntakeChannel("jms", "jms-intake", null, false), new IntakeChannel("sftp", "sftp-intake", null, true));
    final EmbeddedBroker broker;
    final JdbcDataSource dataSource;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CamelContext context;
    final int port;
    final Path dataDir;
    private final JmsPoolConnectionFactory pool;
    private final HttpClient http = HttpClient.newHttpClient();

    ObserveTestHub() throws Exception {
        this(new ReferenceData(List.of(), List.of(), List.of()));
    }

    ObserveTestHub(ReferenceData referenceData) throws Exception {
        broker = new EmbeddedBroker();
        dataDir = Files.createTempDirectory("observe-data");
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:observe-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty(ObserveSettings.DATA_DIR, dataDir.toString());
        properties.setProperty(ObserveSettings.QUEUE_POLL_PERIOD, "200");
        properties.setProperty(ObserveSettings.CONSOLE_REFRESH_SECONDS, "1");
        context.getPropertiesComponent().setInitialProperties(properties);

        pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(broker.connectionFactory());
        context.addComponent("jms", JmsComponent.jmsComponentAutoAcknowledge(pool));
        ObserveServices services = new ObserveServices(context, Clock.systemUTC(), new ArtemisManagement(pool),
                dataSource, new kz.gov.safework.store.SubmissionStore(dataSource, Clock.systemUTC()), registry, new TestAuthenticator(), exchange -> Optional.empty(),
                referenceData, INTAKE_CHANNELS);

        MicrometerRoutePolicyFactory routePolicy = new MicrometerRoutePolicyFactory();
        routePolicy.setMeterRegistry(registry);
        context.addRoutePolicyFactory(routePolicy);

        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRestConfiguration().setComponent("platform-http");

        context.addRoutes(new kz.gov.safework.api.ApiRouteConfiguration());
        context.addRoutes(new ObserveRoutes(services));
        context.addRoutes(new OperatorApiRoutes(services));
        context.addRoutes(new ConsoleRoutes());
        context.start();
        // As the hub's camel.health.exposure-level=full: every check's result, not only the first when all are UP.
        org.apache.camel.health.HealthCheckRegistry.get(context).setExposureLevel("full");
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> asOperator(String path) throws Exception {
        return get(path, TestAuthenticator.basic(TestAuthenticator.OPERATOR, TestAuthenticator.OPERATOR_PASSWORD));
    }

    HttpResponse<String> postAsOperator(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", TestAuthenticator.basic(TestAuthenticator.OPERATOR,
                        TestAuthenticator.OPERATOR_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A judged document in the store, as the pipeline would write it. */
    void insertSubmission(String submissionId, String agency, String status, String receiptJson) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Sql.update(dataSource, "INSERT INTO submission (submission_id, channel, agency, report_id, plan_id,"
                        + " report_year, status, late, sha256, received_at, processed_at, receipt_json)"
                        + " VALUES (?, 'jms', ?, ?, 'safe-labour-2025', 2024, ?, FALSE, ?, ?, ?, ?)",
                submissionId, agency, "R-" + submissionId, status, sha256Of(submissionId), now.minusSeconds(1), now,
                receiptJson);
    }

    /** The SHA-256 a submission inserted by {@link #insertSubmission} carries: each its own, so a search can find it. */
    static String sha256Of(String submissionId) {
        return Sha256.hex(submissionId);
    }

    void clearStore() {
        Sql.update(dataSource, "DELETE FROM submission");
        Sql.update(dataSource, "DELETE FROM operator_action");
    }

    void purgeQueues() throws Exception {
        for (String queue : new String[] {Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED, Queues.DLQ}) {
            broker.purge(queue);
        }
    }

    @Override
    public void close() throws Exception {
        context.close();
        pool.stop();
        broker.close();
    }
}
