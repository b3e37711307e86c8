package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.connectors.identity.StoredPassword;
import kz.gov.safework.connectors.mail.MailSettings;
import kz.gov.safework.connectors.sftp.SftpSettings;
import kz.gov.safework.connectors.tls.TlsSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionCheckTest {
    @TempDir
    Path config;

    private final Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void productionReady() throws IOException {
        Files.writeString(config.resolve(HubSettings.DEMO_CREDENTIALS), "mz=mz-demo-2025\noperator=operator-demo-2025\n");
        Files.writeString(config.resolve("credentials.properties"),
                "mz=" + StoredPassword.hash("mz-production-secret".toCharArray()).format() + "\n");
        settings.putAll(Map.of(
                HubSettings.DEMO, "false",
                HubSettings.CREDENTIALS_FILE, "credentials.properties",
                MailSettings.EMBEDDED_KEY, "false",
                HubSettings.BIND_ADDRESS, "127.0.0.1",
                HubSettings.BROKER_HOST, "127.0.0.1",
                SftpSettings.HOST_KEY, "127.0.0.1",
                HubSettings.HTTP_ENABLED, "true",
                HubSettings.HTTP_HOST, "127.0.0.1",
                HubSettings.BROKER_PORT, "61616"));
        settings.put(HubSettings.SIGNING_KEYSTORE, "signing/hub.p12");
        settings.put(HubSettings.SIGNING_KEYSTORE_PASSWORD, "signing-production-secret");
    }

    private List<String> violations() {
        return ProductionCheck.violations(key -> settings.getOrDefault(key, ""), config);
    }

    /** Sets each of the listeners' host keys to 0.0.0.0 (off loopback). */
    private void listenOnEveryInterface(String... hostKeys) {
        for (String key : hostKeys) {
            settings.put(key, "0.0.0.0");
        }
    }

    @Test
    void acceptsHashedCredentialsOnLoopbackWithoutTheDemoMailServer() {
        assertThat(violations()).isEmpty();
    }

    @Test
    void refusesDemoMode() {
        settings.put(HubSettings.DEMO, "true");
        assertThat(violations()).singleElement().asString().startsWith("hub.demo=true").contains("hub.demo=false");
    }

    @Test
    void refusesAMissingCredentialsFile() {
        settings.put(HubSettings.CREDENTIALS_FILE, "");
        assertThat(violations()).singleElement().asString().startsWith("hub.credentials-file is empty")
                .contains("credentials set <login>");
        settings.put(HubSettings.CREDENTIALS_FILE, "nowhere.properties");
        assertThat(violations()).singleElement().asString().contains("no such file");
    }

    @Test
    void refusesACredentialThatIsThePublishedDemoPassword() throws IOException {
        Files.writeString(config.resolve("credentials.properties"),
                "mz=" + StoredPassword.hash("mz-demo-2025".toCharArray()).format() + "\n");
        assertThat(violations()).singleElement().asString().startsWith("hub.credentials-file=credentials.properties")
                .contains("[mz]").contains("credentials set");
    }

    @Test
    void refusesAConfiguredSecretThatIsADemoPassword() {
        settings.put(HubSettings.BROKER_PASSWORD, "operator-demo-2025");
        assertThat(violations()).singleElement().asString().startsWith("hub.broker.password is a published demo password");
    }

    @Test
    void refusesTheEmbeddedMailServer() {
        settings.put(MailSettings.EMBEDDED_KEY, "true");
        assertThat(violations()).singleElement().asString().startsWith("hub.mail.embedded=true");
    }

    @Test
    void offLoopbackRequiresTlsAndPlaintextListenersOnLoopback() {
        listenOnEveryInterface(HubSettings.BIND_ADDRESS, HubSettings.BROKER_HOST, SftpSettings.HOST_KEY,
                HubSettings.HTTP_HOST);
        assertThat(violations()).extracting(v -> v.substring(0, v.indexOf(' ')))
                .containsExactly("camel.server.host=0.0.0.0:", "hub.broker.host=0.0.0.0:", "hub.https.port",
                        "hub.broker.tls-port", "hub.tls.keystore");
    }

    @Test
    void offLoopbackWithTlsAndPlaintextOnLoopbackIsFine() {
        listenOnEveryInterface(HubSettings.BIND_ADDRESS, SftpSettings.HOST_KEY);
        settings.put(HubSettings.HTTPS_PORT, "8443");
        settings.put(HubSettings.BROKER_TLS_PORT, "61617");
        settings.put(TlsSettings.KEYSTORE, "/etc/hub/hub.p12");
        assertThat(violations()).isEmpty();
    }

    @Test
    void refusesTheDemoSigningKey() {
        settings.put(HubSettings.SIGNING_KEYSTORE, "");
        assertThat(violations()).singleElement().asString().startsWith("hub.signing.keystore is not set")
                .contains("DEMO key");
    }

    @Test
    void refusesTheDemoSigningPasswordAndDoesNotPrintIt() {
        settings.put(HubSettings.SIGNING_KEYSTORE_PASSWORD, HubSigning.DEMO_PASSWORD);
        assertThat(violations()).singleElement().asString()
                .startsWith("hub.signing.keystore-password is the published demo password")
                .doesNotContain(HubSigning.DEMO_PASSWORD);
    }

    @Test
    void listsEveryViolationInOneMessage() {
        settings.put(HubSettings.DEMO, "true");
        settings.put(MailSettings.EMBEDDED_KEY, "true");
        listenOnEveryInterface(HubSettings.HTTP_HOST);
        assertThatThrownBy(() -> ProductionCheck.verify(key -> settings.getOrDefault(key, ""), config))
                .isInstanceOf(ProductionCheck.Refused.class)
                .hasMessageStartingWith("hub.production=true, but the configuration is not fit for production (6 to change):")
                .hasMessageContaining("hub.demo=true")
                .hasMessageContaining("hub.mail.embedded=true")
                .hasMessageContaining("camel.server.host=0.0.0.0")
                .hasMessageContaining("hub.https.port")
                .hasMessageContaining("hub.tls.keystore");
    }
}
