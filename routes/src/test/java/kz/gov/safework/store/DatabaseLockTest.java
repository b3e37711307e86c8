package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The draft lock as the database holds it: of two callers (two threads on their own connections, as two hub
 * instances would be) the second waits until the first's work is done, and a failing work releases the lock.
 */
class DatabaseLockTest {
    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSecondCallerWaitsUntilTheFirstIsDone(TestDatabases.TestDatabase db) throws Exception {
        DatabaseLock lock = new DatabaseLock(db.dataSource());
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch letFirstFinish = new CountDownLatch(1);

        Thread first = new Thread(() -> lock.call(DatabaseLock.CONSOLIDATION_DRAFT, () -> {
            events.add("first in");
            firstInside.countDown();
            waitFor(letFirstFinish);
            events.add("first out");
            return null;
        }));
        Thread second = new Thread(() -> lock.call(DatabaseLock.CONSOLIDATION_DRAFT, () -> events.add("second in")));
        first.start();
        assertThat(firstInside.await(20, TimeUnit.SECONDS)).isTrue();
        second.start();

        // the second caller waits for the row inside the database, not in the work
        await().atMost(Duration.ofSeconds(20)).until(() -> waitsForTheRow(db, second));
        assertThat(events).containsExactly("first in");

        letFirstFinish.countDown();
        first.join(20_000);
        second.join(20_000);
        assertThat(events).containsExactly("first in", "first out", "second in");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailedWorkReleasesTheLockAndAnUnknownLockIsRefused(TestDatabases.TestDatabase db) {
        DatabaseLock lock = new DatabaseLock(db.dataSource());
        assertThatThrownBy(() -> lock.call(DatabaseLock.CONSOLIDATION_DRAFT, () -> {
            throw new IllegalStateException("draft failed");
        })).hasMessage("draft failed");
        assertThat(lock.call(DatabaseLock.CONSOLIDATION_DRAFT, () -> "again")).isEqualTo("again");
        assertThatThrownBy(() -> lock.call("no-such-lock", () -> "x")).hasMessageContaining("no-such-lock");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everySubmissionsAnsweringLockHasItsRow(TestDatabases.TestDatabase db) {
        DatabaseLock lock = new DatabaseLock(db.dataSource());
        java.util.Set<String> held = new java.util.TreeSet<>();
        for (int i = 0; i < 1_000 && held.size() < DatabaseLock.ANSWER_STRIPES; i++) {
            String name = DatabaseLock.answering(java.util.UUID.randomUUID().toString());
            assertThat(lock.call(name, () -> held.add(name) || true)).isTrue();
        }
        assertThat(held).hasSize(DatabaseLock.ANSWER_STRIPES).allMatch(name -> name.matches("answer-\\d+"));
        assertThat(DatabaseLock.answering("one submission")).isEqualTo(DatabaseLock.answering("one submission"));
    }

    @org.junit.jupiter.api.Test
    void aDatabaseThatIsGoneIsAnOutageNotTheCallersFailure() {
        // What the pipeline pauses for instead of counting the document's attempts (a repeated answer takes a lock).
        javax.sql.DataSource gone = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    throw new java.sql.SQLTransientConnectionException("connection refused");
                });
        assertThatThrownBy(() -> new DatabaseLock(gone).call(DatabaseLock.answering("a submission"), () -> "never"))
                .isInstanceOf(OutageException.class).hasMessageContaining("answer-");
    }

    /**
     * Whether the second caller waits for the row: PostgreSQL lists the session as waiting for a lock (its driver
     * blocks in a socket read); H2 parks the thread inside the database.
     */
    private static boolean waitsForTheRow(TestDatabases.TestDatabase db, Thread caller) throws Exception {
        if (!"PostgreSQL".equals(db.name())) {
            return EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(caller.getState());
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE '%FROM hub_lock%'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
