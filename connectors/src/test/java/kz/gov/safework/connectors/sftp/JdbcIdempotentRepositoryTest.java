package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class JdbcIdempotentRepositoryTest {
    private final DataSource db = TestDatabase.migrated("idem-" + UUID.randomUUID());

    @Test
    void keyAddedOnceIsKnownToEveryInstanceOfTheSameProcessor() {
        JdbcIdempotentRepository first = new JdbcIdempotentRepository(db, "sftp-remote-MZ", Clock.systemUTC());
        JdbcIdempotentRepository second = new JdbcIdempotentRepository(db, "sftp-remote-MZ", Clock.systemUTC());
        assertThat(first.contains("a.json-10-1")).isFalse();
        assertThat(first.add("a.json-10-1")).isTrue();
        assertThat(second.contains("a.json-10-1")).isTrue();
        assertThat(second.add("a.json-10-1")).isFalse();
    }

    @Test
    void processorsDoNotSeeEachOthersKeys() {
        JdbcIdempotentRepository mz = new JdbcIdempotentRepository(db, "sftp-remote-MZ", Clock.systemUTC());
        JdbcIdempotentRepository astana = new JdbcIdempotentRepository(db, "sftp-remote-AKIMAT-ASTANA", Clock.systemUTC());
        mz.add("a.json-10-1");
        assertThat(astana.contains("a.json-10-1")).isFalse();
        assertThat(astana.add("a.json-10-1")).isTrue();
    }

    @Test
    void removedKeyIsTakenAgain() {
        JdbcIdempotentRepository mz = new JdbcIdempotentRepository(db, "sftp-remote-MZ", Clock.systemUTC());
        mz.add("a.json-10-1");
        assertThat(mz.remove("a.json-10-1")).isTrue();
        assertThat(mz.contains("a.json-10-1")).isFalse();
        assertThat(mz.remove("a.json-10-1")).isFalse();
    }
}
