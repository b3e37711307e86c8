package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.signature.DetachedJws;
import kz.gov.safework.contract.signature.HubSigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSigningTest {
    @TempDir
    Path data;
    @TempDir
    Path config;

    private final List<String> problems = new ArrayList<>();

    @Test
    void withoutAKeystoreADemoKeyIsMadeOnceInTheDataDirAndKeptAcrossStarts() throws Exception {
        Map<String, String> settings = Map.of(HubSettings.SIGNING_ALIAS, "hub");
        HubSigningKeys first = keys(settings);
        Path file = data.resolve(HubSigning.DEMO_KEYSTORE);
        assertThat(file).isRegularFile();
        assertThat(Files.getPosixFilePermissions(file)).map(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(first.publicKeys().getKeys().get(0).getParsedX509CertChain().get(0).getSubjectX500Principal()
                .getName()).contains("DEMO").contains("NOT FOR PRODUCTION");

        HubSigningKeys second = keys(settings);
        assertThat(second.current().kid()).isEqualTo(first.current().kid());
        byte[] receipt = "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(DetachedJws.verify(receipt, first.sign(receipt), second.publicKeys()).kid())
                .isEqualTo(first.current().kid());
        assertThat(problems).isEmpty();
    }

    @Test
    void aConfiguredKeystoreIsReadRelativeToTheConfigDirAndNoDemoKeyIsMade() throws Exception {
        keys(Map.of(HubSettings.SIGNING_ALIAS, "hub"));
        Path made = data.resolve(HubSigning.DEMO_KEYSTORE);
        Files.createDirectories(config.resolve("signing"));
        Files.move(made, config.resolve("signing/hub.p12"));

        HubSigningKeys.Source source = HubSigning.source(Map.of(HubSettings.SIGNING_KEYSTORE, "signing/hub.p12",
                HubSettings.SIGNING_KEYSTORE_TYPE, "PKCS12", HubSettings.SIGNING_KEYSTORE_PASSWORD, HubSigning.DEMO_PASSWORD,
                HubSettings.SIGNING_ALIAS, "hub")::get, config, data);
        assertThat(source.keystore()).isEqualTo(config.resolve("signing/hub.p12"));
        new HubSigningKeys(source, Clock.systemUTC(), Duration.ofMinutes(1), problems::add);
        assertThat(made).doesNotExist();
    }

    private HubSigningKeys keys(Map<String, String> settings) throws Exception {
        return HubSigning.keys(key -> settings.getOrDefault(key, ""), config, data, Clock.systemUTC(),
                Duration.ofMinutes(1), problems::add);
    }
}
