package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.tls.TlsSettings;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.ResourceLimitSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * config/broker/broker.xml (the standalone broker's configuration) and the embedded broker's configuration state
 * the same broker: security settings, address settings, resource limits, queues, plugins and their properties, the
 * server options, the client acceptor's protocols. The embedded one is built with the defaults of
 * config/application.properties and config/agencies.yaml, which are the file's defaults.
 */
class BrokerXmlTest {
    private static final Path CONFIG = Path.of("..", "config");
    private static final long MAX_MESSAGE_BYTES = BrokerSettings.maxMessageBytesFor(10_485_760);

    private static Configuration file;
    private static Configuration embedded;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream xml = Files.newInputStream(CONFIG.resolve("broker").resolve("broker.xml"))) {
            file = new FileConfigurationParser().parseMainConfig(xml);
        }
        BrokerSettings settings = new BrokerSettings(Path.of("data"), "127.0.0.1", 61616, 0, TlsSettings.none(),
                "hub", "secret", "mtszn", 5, 1000, 50_000, MAX_MESSAGE_BYTES, 104_857_600, 100, 50, 3_600_000, 90);
        embedded = new EmbeddedBroker(settings, Credentials.of(new java.util.Properties()), ReferenceData.load(CONFIG))
                .configuration(Path.of("data"));
    }

    @Test
    void securitySettingsAreTheSame() {
        assertThat(new TreeMap<>(file.getSecurityRoles())).isEqualTo(new TreeMap<>(embedded.getSecurityRoles()));
    }

    @Test
    void addressSettingsAreTheSame() {
        assertThat(new TreeMap<>(file.getAddressSettings())).isEqualTo(new TreeMap<>(embedded.getAddressSettings()));
    }

    @Test
    void resourceLimitsAreTheSame() {
        assertThat(limits(file)).isEqualTo(limits(embedded)).isNotEmpty();
    }

    @Test
    void queuesAreTheSame() {
        assertThat(queues(file)).isEqualTo(queues(embedded)).contains("reports.in", "receipts.MZ", "DLQ");
    }

    @Test
    void theHubsPluginsAreConfiguredWithTheSameProperties() {
        assertThat(pluginClasses(file)).isEqualTo(pluginClasses(embedded))
                .containsExactly(SenderStampPlugin.class.getName(), MessageSizePlugin.class.getName());
        SenderStampPlugin stamp = (SenderStampPlugin) file.getBrokerPlugins().get(0);
        MessageSizePlugin size = (MessageSizePlugin) file.getBrokerPlugins().get(1);
        assertThat(stamp.hubUser()).isEqualTo("hub");
        assertThat(size.hubUser()).isEqualTo("hub");
        assertThat(size.maxBytes()).isEqualTo(MAX_MESSAGE_BYTES);
    }

    @Test
    void serverOptionsAreTheSame() {
        for (Configuration config : List.of(file, embedded)) {
            assertThat(config.getName()).isEqualTo("safework-hub");
            assertThat(config.isPersistenceEnabled()).isTrue();
            assertThat(config.isSecurityEnabled()).isTrue();
            assertThat(config.isPopulateValidatedUser()).isTrue();
            assertThat(config.isJMXManagementEnabled()).isFalse();
            assertThat(config.getTemporaryQueueNamespace()).isEqualTo("temp");
            assertThat(config.getIDCacheSize()).isEqualTo(50_000);
            assertThat(config.isPersistIDCache()).isTrue();
            assertThat(config.isGracefulShutdownEnabled()).isTrue();
            assertThat(config.getGracefulShutdownTimeout()).isEqualTo(5_000);
            assertThat(config.getMaxDiskUsage()).isEqualTo(90);
        }
        assertThat(file.getJournalDirectory()).isEqualTo("data/journal");
    }

    @Test
    void theClientAcceptorsSpeakTheSameProtocolsWithTheSamePrefixes() {
        Map<String, Object> plain = acceptor(file, "clients");
        Map<String, Object> tls = acceptor(file, "clients-tls");
        Map<String, Object> own = acceptor(embedded, "clients");
        for (String key : List.of("host", "port", "protocols", "anycastPrefix", "multicastPrefix")) {
            assertThat(String.valueOf(plain.get(key))).as(key).isEqualTo(String.valueOf(own.get(key)));
        }
        assertThat(String.valueOf(tls.get("protocols"))).isEqualTo(String.valueOf(own.get("protocols")));
        assertThat(String.valueOf(tls.get("sslEnabled"))).isEqualTo("true");
    }

    private static Map<String, String> limits(Configuration config) {
        return config.getResourceLimitSettings().values().stream().collect(Collectors.toMap(
                limit -> limit.getMatch().toString(), BrokerXmlTest::limit, (a, b) -> a, TreeMap::new));
    }

    private static String limit(ResourceLimitSettings limit) {
        return limit.getMaxConnections() + "/" + limit.getMaxQueues();
    }

    private static List<String> queues(Configuration config) {
        return config.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName).sorted().toList();
    }

    private static List<String> pluginClasses(Configuration config) {
        return config.getBrokerPlugins().stream().map(ActiveMQServerBasePlugin::getClass).map(Class::getName).toList();
    }

    private static Map<String, Object> acceptor(Configuration config, String name) {
        // A parsed URL keeps the protocol managers' parameters (the prefixes) apart from the transport's.
        TransportConfiguration acceptor = config.getAcceptorConfigurations().stream()
                .filter(a -> name.equals(a.getName())).findFirst().orElseThrow();
        Map<String, Object> params = new java.util.HashMap<>(acceptor.getParams());
        if (acceptor.getExtraParams() != null) {
            params.putAll(acceptor.getExtraParams());
        }
        return params;
    }
}
