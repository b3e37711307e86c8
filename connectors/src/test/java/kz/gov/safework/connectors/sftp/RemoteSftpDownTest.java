package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import kz.gov.safework.contract.reference.RemoteSftp;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;

/** An agency whose SFTP server is down: health says so, with the agency's name; the hub keeps running. */
class RemoteSftpDownTest extends TestHubPerTest {
    @Test
    void serverThatIsDownShowsDownInHealthWithTheAgencysName() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        Path keyFile = dataDir.resolve("config/keys/mz_ed");
        Files.createDirectories(keyFile.getParent());
        try (OutputStream out = Files.newOutputStream(keyFile)) {
            new OpenSSHKeyPairResourceWriter().writePrivateKey(key, "mz", null, out);
        }
        int closedPort = TestHub.freePort();
        RemoteSftp remote = new RemoteSftp("127.0.0.1", closedPort, "mz", "keys/mz_ed",
                "[127.0.0.1]:" + closedPort + " ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBB4q",
                "outbox", "receipts");
        hub = TestHub.remote(dataDir, List.of(TestHub.agency("MZ", remote)), TestDatabase.migrated("down-" + UUID.randomUUID()));

        HealthCheck check = hub.context.getRegistry().lookupByNameAndType("sftp-remote-MZ-health-check", HealthCheck.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> check.call().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result result = check.call();
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("MZ"));
        assertThat(result.getDetails()).containsEntry("agency", "MZ")
                .containsEntry("server", "mz@127.0.0.1:" + closedPort);
        assertThat(check.isLiveness()).isFalse();
        // The hub's health endpoint sees it: Camel finds HealthCheck beans in the registry.
        assertThat(HealthCheckHelper.invokeReadiness(hub.context))
                .anySatisfy(r -> {
                    assertThat(r.getCheck().getId()).isEqualTo("sftp-remote-MZ");
                    assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
                });
        assertThat(hub.context.getStatus().isStarted()).isTrue();
        assertThat(hub.context.getRouteController().getRouteStatus("sftp-remote-MZ").isStarted()).isTrue();
    }
}
