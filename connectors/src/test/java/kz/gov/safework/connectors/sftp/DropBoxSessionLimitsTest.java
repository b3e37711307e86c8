package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** hub.sftp.max-sessions-per-login and hub.sftp.max-sessions bound the drop box's sessions. */
class DropBoxSessionLimitsTest extends TestHubPerTest {
    @Test
    void loginBeyondItsSessionLimitIsRefusedWhileAnotherAgencyStillLogsIn() throws Exception {
        Properties limits = new Properties();
        limits.setProperty("hub.sftp.max-sessions-per-login", "2");
        hub = TestHub.start(dataDir, limits);
        try (SftpTestClient first = SftpTestClient.password(hub.port, "mz", TestHub.MZ_PASSWORD);
                SftpTestClient second = SftpTestClient.password(hub.port, "mz", TestHub.MZ_PASSWORD)) {
            assertThatThrownBy(() -> SftpTestClient.password(hub.port, "mz", TestHub.MZ_PASSWORD))
                    .isInstanceOf(IOException.class);
            try (SftpTestClient other = SftpTestClient.password(hub.port, "akimat-astana", TestHub.ASTANA_PASSWORD)) {
                other.upload("/inbox/report.json", "{}");
            }
        }
        // The sessions closed: the login has its sessions back.
        try (SftpTestClient again = SftpTestClient.password(hub.port, "mz", TestHub.MZ_PASSWORD)) {
            assertThat(again.sftp.isOpen()).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheTotalAreRefusedAndTheSlotsComeBackWhenSessionsClose() throws Exception {
        Properties limits = new Properties();
        limits.setProperty("hub.sftp.max-sessions", "2");
        hub = TestHub.start(dataDir, limits);
        try (SftpTestClient mz = SftpTestClient.password(hub.port, "mz", TestHub.MZ_PASSWORD);
                SftpTestClient astana = SftpTestClient.password(hub.port, "akimat-astana", TestHub.ASTANA_PASSWORD)) {
            assertThatThrownBy(() -> SftpTestClient.password(hub.port, "akimat-astana", TestHub.ASTANA_PASSWORD))
                    .isInstanceOf(IOException.class);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            try (SftpTestClient again = SftpTestClient.password(hub.port, "akimat-astana", TestHub.ASTANA_PASSWORD)) {
                assertThat(again.sftp.isOpen()).isTrue();
            }
        });
    }

    @Test
    void silentSessionIsClosedAfterTheIdleTimeout() throws Exception {
        Properties limits = new Properties();
        limits.setProperty("hub.sftp.idle-timeout", "1");
        hub = TestHub.start(dataDir, limits);
        try (SftpTestClient silent = SftpTestClient.password(hub.port, "mz", TestHub.MZ_PASSWORD)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !silent.sftp.isOpen());
        }
    }
}
