package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.ResourceLimitSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker reads config/broker/broker.xml, the standalone broker's configuration, with the file's
 * {@code ${safework.broker.*}} values taken from the hub's settings: with the defaults of config/application.properties
 * it is the broker a standalone Artemis makes of the file; with other settings it has those; an agency of
 * config/agencies.yaml that the file does not name stops it; and what the file says is least privilege.
 */
class BrokerXmlTest {
    private static final Path CONFIG = Path.of("..", "config");
    private static final Path BROKER_XML = CONFIG.resolve("broker").resolve("broker.xml");
    private static final long MAX_MESSAGE_BYTES = BrokerSettings.maxMessageBytesFor(10_485_760);

    private static ReferenceData referenceData;
    private static Configuration file;
    private static Configuration embedded;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream xml = Files.newInputStream(BROKER_XML)) {
            file = new FileConfigurationParser().parseMainConfig(xml);
        }
        referenceData = ReferenceData.load(CONFIG);
        embedded = embedded(new BrokerSettings(Path.of("data"), "127.0.0.1", 61616, 0, TlsSettings.none(),
                "hub", "secret", "mtszn", 5, 1000, 50_000, MAX_MESSAGE_BYTES, 104_857_600, 1_048_576, 100, 50, 3_600_000, 90),
                BROKER_XML);
    }

    private static Configuration embedded(BrokerSettings settings, Path brokerXml) throws Exception {
        return new EmbeddedBroker(settings, brokerXml, Credentials.of(new java.util.Properties()), referenceData)
                .configuration(Path.of("data", "broker"));
    }

    @Test
    void withTheDefaultSettingsItIsTheBrokerAStandaloneArtemisMakesOfTheFile() {
        assertThat(new TreeMap<>(embedded.getSecurityRoles())).isEqualTo(new TreeMap<>(file.getSecurityRoles()));
        assertThat(new TreeMap<>(embedded.getAddressSettings())).isEqualTo(new TreeMap<>(file.getAddressSettings()));
        assertThat(limits(embedded)).isEqualTo(limits(file)).isNotEmpty();
        assertThat(queues(embedded)).isEqualTo(queues(file)).contains("reports.in", "receipts.MZ", "DLQ");
        assertThat(pluginClasses(embedded)).isEqualTo(pluginClasses(file))
                .containsExactly(SenderStampPlugin.class.getName(), MessageSizePlugin.class.getName());
    }

    @Test
    void theHubsSettingsReplaceTheFilesDefaults() throws Exception {
        Configuration own = embedded(new BrokerSettings(Path.of("data"), "127.0.0.2", 6000, 0, TlsSettings.none(),
                "hub-x", "secret", "mtszn", 7, 250, 999, 3_000_000, 1_234_567, 65_536, 3, 4, 60_000, 80), BROKER_XML);

        AddressSettings all = own.getAddressSettings().get("#");
        assertThat(all.getMaxDeliveryAttempts()).isEqualTo(7);
        assertThat(all.getRedeliveryDelay()).isEqualTo(250);
        assertThat(all.getMaxRedeliveryDelay()).isEqualTo(7_500);
        AddressSettings reports = own.getAddressSettings().get("reports.in");
        assertThat(reports.getMaxSizeBytes()).as("kept in memory").isEqualTo(65_536);
        assertThat(reports.getPageSizeBytes()).isEqualTo(65_536);
        assertThat(reports.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(reports.getPageLimitBytes()).as("paged at most").isEqualTo(1_234_567);
        assertThat(reports.getPageFullMessagePolicy()).isEqualTo(PageFullMessagePolicy.FAIL);
        assertThat(own.getAddressSettings().get("receipts.#").getPageLimitBytes()).isEqualTo(1_234_567);
        assertThat(all.getMaxSizeBytes()).as("every address pages beyond the memory window").isEqualTo(65_536);
        assertThat(all.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(own.getAddressSettings().get("receipts.#").getAutoDeleteQueuesDelay()).isEqualTo(60_000);
        assertThat(limits(own)).containsEntry("mz", "4/3").containsEntry("akimat-astana", "4/3");
        assertThat(own.getIDCacheSize()).isEqualTo(999);
        assertThat(own.getMaxDiskUsage()).isEqualTo(80);
        SenderStampPlugin stamp = (SenderStampPlugin) own.getBrokerPlugins().get(0);
        MessageSizePlugin size = (MessageSizePlugin) own.getBrokerPlugins().get(1);
        assertThat(stamp.hubUser()).isEqualTo("hub-x");
        assertThat(size.hubUser()).isEqualTo("hub-x");
        assertThat(size.maxBytes()).isEqualTo(3_000_000);
        // Its own acceptors: the hub's in-VM one and the configured port; no TLS acceptor while its port is 0.
        assertThat(own.getAcceptorConfigurations()).extracting(TransportConfiguration::getName)
                .containsExactlyInAnyOrder("in-vm", "clients");
        assertThat(acceptor(own, "clients")).containsEntry("host", "127.0.0.2").containsEntry("port", 6000);
        assertThat(own.getJournalDirectory()).isEqualTo(Path.of("data", "broker", "journal").toString());
    }

    @Test
    void anAgencyTheFileDoesNotNameStopsTheBrokerNamingWhatIsMissing() throws Exception {
        String xml = Files.readString(BROKER_XML);
        String without = xml.replaceAll("(?s)<security-setting match=\"receipts\\.MZ\">.*?</security-setting>", "")
                .replace("<resource-limit-setting match=\"mz\">", "<resource-limit-setting match=\"someone-else\">");
        assertThat(without).isNotEqualTo(xml);
        Path broken = Files.writeString(dir.resolve("broker.xml"), without);

        assertThatThrownBy(() -> embedded(embeddedSettings(), broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agency MZ: a security-setting for receipts.MZ, a resource-limit-setting for the login mz")
                .hasMessageNotContaining("agency ME");
    }

    @Test
    void aFileValueTheHubHasNoSettingForStopsTheBroker() throws Exception {
        Path odd = Files.writeString(dir.resolve("broker.xml"), Files.readString(BROKER_XML)
                .replace("<id-cache-size>", "<id-cache-size>${safework.broker.no-such-value:1}"));

        assertThatThrownBy(() -> embedded(embeddedSettings(), odd)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("${safework.broker.no-such-value}");
    }

    @Test
    void settingsAreWrittenIntoTheFileAsTextNotMarkup() {
        String filled = BrokerXml.fill("<a>${safework.broker.host:x}</a>", Map.of("host", "h&<b>\"'"), BROKER_XML);

        assertThat(filled).isEqualTo("<a>h&amp;&lt;b&gt;&quot;&apos;</a>");
    }

    /** What the file says agencies may do: send reports; read their own receipts; nothing else. */
    @Test
    void theFileGivesAgenciesLeastPrivilege() {
        assertThat(roles("reports.in", "agency")).containsExactly("send");
        assertThat(roles("receipts.MZ", "agency-mz")).containsExactly("consume");
        assertThat(roles("receipts.MZ.#", "agency-mz")).containsExactlyInAnyOrder("consume", "createDurableQueue",
                "createNonDurableQueue", "deleteNonDurableQueue", "createAddress");
        assertThat(roles("receipts.MZ", "agency-me")).isEmpty();
        assertThat(roles("mtszn.feed", "feed-consumer")).containsExactly("consume");
        assertThat(roles("#", "agency")).isEmpty();
    }

    private static BrokerSettings embeddedSettings() {
        return new BrokerSettings(Path.of("data"), "127.0.0.1", 61616, 0, TlsSettings.none(),
                "hub", "secret", "mtszn", 5, 1000, 50_000, MAX_MESSAGE_BYTES, 104_857_600, 1_048_576, 100, 50, 3_600_000, 90);
    }

    private static List<String> roles(String match, String role) {
        return file.getSecurityRoles().getOrDefault(match, java.util.Set.of()).stream()
                .filter(r -> r.getName().equals(role))
                .flatMap(r -> java.util.stream.Stream.of(
                        r.isSend() ? "send" : null, r.isConsume() ? "consume" : null,
                        r.isCreateDurableQueue() ? "createDurableQueue" : null,
                        r.isDeleteDurableQueue() ? "deleteDurableQueue" : null,
                        r.isCreateNonDurableQueue() ? "createNonDurableQueue" : null,
                        r.isDeleteNonDurableQueue() ? "deleteNonDurableQueue" : null,
                        r.isManage() ? "manage" : null, r.isBrowse() ? "browse" : null,
                        r.isCreateAddress() ? "createAddress" : null, r.isDeleteAddress() ? "deleteAddress" : null))
                .filter(java.util.Objects::nonNull).toList();
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
