package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupSyncTest {
    private final GroupSync group = new GroupSync();
    private final AtomicInteger syncs = new AtomicInteger();

    @Test
    void aCommitAloneGetsASyncOfItsOwn() throws Exception {
        for (int i = 0; i < 3; i++) {
            group.afterCommit(syncs::incrementAndGet);
        }

        assertThat(syncs).hasValue(3);
    }

    @Test
    void commitsArrivingDuringASyncShareTheNextOneAndAreNotCoveredByTheRunningOne() throws Exception {
        CountDownLatch inFirstSync = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        Thread first = new Thread(() -> call(() -> {
            syncs.incrementAndGet();
            inFirstSync.countDown();
            awaitLatch(releaseFirstSync);
        }));
        first.start();
        assertThat(inFirstSync.await(10, TimeUnit.SECONDS)).isTrue();

        // Two commits after the running sync began: it must not count for them, one more sync serves both.
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> call(syncs::incrementAndGet));
            t.start();
            later.add(t);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 2);
        assertThat(syncs).hasValue(1);
        releaseFirstSync.countDown();
        first.join(10_000);
        for (Thread t : later) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }

        assertThat(syncs).hasValue(2);
    }

    @Test
    void aFailedSyncMakesNothingDurable() throws Exception {
        assertThatThrownBy(() -> group.afterCommit(() -> {
            throw new SQLException("disk gone");
        })).isInstanceOf(SQLException.class);

        group.afterCommit(syncs::incrementAndGet);

        assertThat(syncs).hasValue(1);
    }

    private void call(GroupSync.Sync sync) {
        try {
            group.afterCommit(sync);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
