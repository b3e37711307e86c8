package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** hub.sftp.max-sessions-per-login and hub.sftp.max-sessions bound the drop box's sessions. */
class DropBoxSessionLimitsTest extends TestHubPerTest {
    @Test
    void loginBeyondItsSessionLimitIsRefusedWhileAnotherAgencyStillLogsIn() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.max-sessions-per-login", "2");
        try (SftpTestClient first = hub.mz();
                SftpTestClient second = hub.mz()) {
            assertThatThrownBy(() -> hub.mz())
                    .isInstanceOf(IOException.class);
            try (SftpTestClient other = hub.astana()) {
                other.upload("/inbox/report.json", "{}");
            }
        }
        // The sessions closed: the login has its sessions back.
        try (SftpTestClient again = hub.mz()) {
            assertThat(again.sftp.isOpen()).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheTotalAreRefusedAndTheSlotsComeBackWhenSessionsClose() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.max-sessions", "2");
        try (SftpTestClient mz = hub.mz();
                SftpTestClient astana = hub.astana()) {
            assertThatThrownBy(() -> hub.astana())
                    .isInstanceOf(IOException.class);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            try (SftpTestClient again = hub.astana()) {
                assertThat(again.sftp.isOpen()).isTrue();
            }
        });
    }

    @Test
    void silentSessionIsClosedAfterTheIdleTimeout() throws Exception {
        hub = TestHub.start(dataDir, "hub.sftp.idle-timeout", "1");
        try (SftpTestClient silent = hub.mz()) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !silent.sftp.isOpen());
        }
    }
}
