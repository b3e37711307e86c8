package kz.gov.safework.connectors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
    @TempDir
    Path config;

    private TlsSettings load(String... keyValues) throws Exception {
        Properties props = new Properties();
        props.setProperty("hub.config-dir", config.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(props);
            return TlsSettings.load(camel.getPropertiesComponent());
        }
    }

    @Test
    void nothingConfiguredIsNoTls() throws Exception {
        TlsSettings tls = load();
        assertThat(tls.hasKeystore()).isFalse();
        assertThat(tls.hasTruststore()).isFalse();
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NONE);
    }

    @Test
    void pathsAreRelativeToTheConfigDirAndPasswordsStayOutOfToString() throws Exception {
        Files.createDirectories(config.resolve("tls"));
        Files.write(config.resolve("tls/hub.p12"), new byte[] {1});
        Files.write(config.resolve("tls/trust.p12"), new byte[] {1});
        TlsSettings tls = load(TlsSettings.KEYSTORE, "tls/hub.p12", TlsSettings.KEYSTORE_PASSWORD, "s3cret-key",
                TlsSettings.TRUSTSTORE, "tls/trust.p12", TlsSettings.TRUSTSTORE_PASSWORD, "s3cret-trust",
                TlsSettings.CLIENT_AUTH, "Need");
        assertThat(tls.keystore()).isEqualTo(config.resolve("tls/hub.p12").toAbsolutePath().normalize());
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NEED);
        assertThat(tls.toString()).doesNotContain("s3cret");
    }

    @Test
    void aMissingKeystoreFileStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> load(TlsSettings.KEYSTORE, "tls/absent.p12"))
                .hasMessageContaining(TlsSettings.KEYSTORE).hasMessageContaining("absent.p12");
    }

    @Test
    void clientCertificatesNeedATruststore() {
        assertThatThrownBy(() -> load(TlsSettings.CLIENT_AUTH, "want"))
                .hasMessageContaining(TlsSettings.CLIENT_AUTH).hasMessageContaining(TlsSettings.TRUSTSTORE);
    }

    @Test
    void anUnknownClientAuthValueIsRefused() {
        assertThatThrownBy(() -> load(TlsSettings.CLIENT_AUTH, "optional"))
                .hasMessageContaining("none, want or need");
    }

    @Test
    void aTlsPortWithoutKeystoreIsRefusedNamingBothKeys() throws Exception {
        assertThatThrownBy(() -> load().requireKeystore("hub.https.port"))
                .hasMessageContaining("hub.https.port").hasMessageContaining(TlsSettings.KEYSTORE);
    }
}
