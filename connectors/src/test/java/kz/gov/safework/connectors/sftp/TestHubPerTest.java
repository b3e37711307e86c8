package kz.gov.safework.connectors.sftp;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that starts its own {@link TestHub} in a fresh data directory; the hub is closed after each test. */
abstract class TestHubPerTest {
    @TempDir
    Path dataDir;

    TestHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }
}
