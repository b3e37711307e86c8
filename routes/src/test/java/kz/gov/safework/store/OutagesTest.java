package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import kz.gov.safework.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which failures are outages of the store, the tolerance's clock, and the probe. */
class OutagesTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-09T10:00:00Z"));

    @Test
    void lostConnectionsAndAnUnwritableDiskAreOutages() {
        assertThat(Outages.isOutage(new StoreException("x", new SQLException("refused", "08001")))).isTrue();
        assertThat(Outages.isOutage(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(Outages.isOutage(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(Outages.isOutage(new SQLException("H2 closed", "90098"))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new AccessDeniedException("/data/messages")))).isTrue();
        assertThat(Outages.isOutage(new IOException("No space left on device"))).isTrue();
    }

    @Test
    void whatIsWrongWithTheDocumentOrTheCodeIsNoOutage() {
        assertThat(Outages.isOutage(new SQLIntegrityConstraintViolationException("value too long", "22001"))).isFalse();
        assertThat(Outages.isOutage(new SQLException("database unavailable"))).isFalse();
        assertThat(Outages.isOutage(new IOException("stream closed"))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theStoreExceptionForAnOutageSaysSo() {
        assertThat(Outages.of("x", new SQLException("refused", "08006"))).isInstanceOf(OutageException.class);
        assertThat(Outages.of("x", new SQLException("bad", "42000"))).isNotInstanceOf(OutageException.class);
    }

    @Test
    void theToleranceRunsFromTheFirstOutageSeen() {
        Outages outages = new Outages(null, dataDir, clock, Duration.ofMinutes(10));
        assertThat(outages.ongoing()).isFalse();
        assertThat(outages.withinTolerance()).isTrue();
        outages.seen();
        clock.set(Instant.parse("2027-01-09T10:09:00Z"));
        outages.seen();
        assertThat(outages.withinTolerance()).isTrue();
        clock.set(Instant.parse("2027-01-09T10:10:01Z"));
        assertThat(outages.withinTolerance()).isFalse();
        outages.ended();
        assertThat(outages.ongoing()).isFalse();
        assertThat(outages.withinTolerance()).isTrue();
    }

    @Test
    void theProbeEndsTheOutageOnlyWhenTheDatabaseAnswersAndTheDiskTakesAWrite() throws Exception {
        javax.sql.DataSource database = TestDatabases.h2().dataSource();
        Outages outages = new Outages(database, dataDir, clock, Duration.ofMinutes(10));
        outages.seen();
        assertThat(outages.storeAnswers()).isTrue();
        assertThat(outages.ongoing()).isFalse();

        Outages noDisk = new Outages(database, dataDir.resolve("file"), clock, Duration.ofMinutes(10));
        java.nio.file.Files.writeString(dataDir.resolve("file"), "a file where the data dir should be");
        noDisk.seen();
        assertThat(noDisk.storeAnswers()).isFalse();
        assertThat(noDisk.ongoing()).isTrue();
    }
}
