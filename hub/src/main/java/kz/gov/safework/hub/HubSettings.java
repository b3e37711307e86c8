package kz.gov.safework.hub;

/** Names of the configuration keys the application itself reads (the rest are used as placeholders). */
final class HubSettings {
    static final String CONFIG_DIR = kz.gov.safework.contract.HubDirectories.CONFIG_DIR_KEY;
    static final String DATA_DIR = kz.gov.safework.contract.HubDirectories.DATA_DIR_KEY;
    static final String DEMO = "hub.demo";
    static final String CREDENTIALS_FILE = "hub.credentials-file";
    /** The demo file in the config dir (plain passwords, demo runs only). */
    static final String DEMO_CREDENTIALS = "demo-credentials.properties";
    static final String PRODUCTION = "hub.production";
    static final String AUTH_MAX_FAILURES = "hub.auth.max-failures";
    static final String AUTH_LOCKOUT = "hub.auth.lockout";
    static final String DB_URL = "hub.db.url";
    static final String DB_USER = "hub.db.user";
    static final String DB_PASSWORD = "hub.db.password";
    static final String DB_POOL = "hub.db.pool-size";
    static final String BROKER_URL = "hub.broker.url";
    static final String BROKER_HOST = "hub.broker.host";
    static final String BROKER_PORT = "hub.broker.port";
    static final String BROKER_TLS_PORT = kz.gov.safework.connectors.jms.BrokerSettings.TLS_PORT_KEY;
    static final String BROKER_USER = "hub.broker.user";
    static final String BROKER_PASSWORD = "hub.broker.password";
    /** The broker's redelivery limit on every queue; empty: {@link #PIPELINE_MAX_ATTEMPTS} (its meaning until 1.x). */
    static final String BROKER_MAX_DELIVERY_ATTEMPTS = "hub.broker.max-delivery-attempts";
    /** Deliveries of one envelope after which the pipeline gives up and sends it to the DLQ with its reason. */
    static final String PIPELINE_MAX_ATTEMPTS = "hub.pipeline.max-attempts";
    static final String BROKER_REDELIVERY_DELAY = "hub.broker.redelivery-delay-ms";
    static final String BROKER_ID_CACHE = "hub.broker.duplicate-id-cache-size";
    static final String RETENTION = "hub.retention";
    static final String RETENTION_PERIOD = "hub.retention.check-period";
    static final String BROKER_ADDRESS_MAX_BYTES = "hub.broker.address-max-size-bytes";
    static final String BROKER_ADDRESS_MEMORY_BYTES = "hub.broker.address-memory-bytes";
    static final String BROKER_MAX_QUEUES = "hub.broker.max-queues-per-login";
    static final String BROKER_MAX_CONNECTIONS = "hub.broker.max-connections-per-login";
    static final String BROKER_REPLY_QUEUE_IDLE = "hub.broker.reply-queue-idle-ms";
    static final String BROKER_MAX_DISK_USAGE = kz.gov.safework.observe.ObserveSettings.BROKER_MAX_DISK_USAGE;
    static final String JMS_MAX_CONNECTIONS = "hub.jms.max-connections";
    static final String HTTP_PORT = "hub.http.port";
    /** Camel Main's plain HTTP server: whether it runs, and the address it binds. */
    static final String HTTP_ENABLED = "camel.server.enabled";
    static final String HTTP_HOST = "camel.server.host";
    static final String BIND_ADDRESS = "hub.bind-address";
    static final String HTTPS_PORT = "hub.https.port";
    static final String HTTP_API_MAX_BODY_SIZE = "hub.http.api-max-body-size";
    static final String HTTP_IDLE_TIMEOUT = "hub.http.idle-timeout-seconds";
    static final String HTTP_MAX_HEADER_SIZE = "hub.http.max-header-size";
    static final String HTTP_MAX_REQUESTS_PER_LOGIN = "hub.http.max-requests-per-login";
    static final String OUTAGE_TOLERANCE = "hub.outage.tolerance";
    static final String OUTAGE_CHECK_INTERVAL = "hub.outage.check-interval-ms";
    static final String MAX_DOCUMENT_SIZE = "hub.max-document-size";
    static final String TRACING_OTLP_ENDPOINT = "hub.tracing.otlp-endpoint";
    static final String TRACING_SERVICE_NAME = "hub.tracing.service-name";
    /** The hub's signing key ({@link HubSigning}); none configured: a demo key made in the data dir. */
    static final String SIGNING_KEYSTORE = "hub.signing.keystore";
    static final String SIGNING_KEYSTORE_TYPE = "hub.signing.keystore-type";
    static final String SIGNING_KEYSTORE_PASSWORD = "hub.signing.keystore-password";
    static final String SIGNING_ALIAS = "hub.signing.alias";
    static final String SIGNING_RELOAD_INTERVAL = "hub.signing.reload-interval";
    static final String CLUSTER_LEASE = kz.gov.safework.store.LeaseClusterService.LEASE_KEY;

    private HubSettings() {
    }
}
