package kz.gov.safework.store;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a sync that makes durable everything committed before it starts (H2's {@code CHECKPOINT SYNC}):
 * committers that arrive while a sync runs share the next one instead of queueing one each. A caller returns only
 * after a sync that began after its own commit has finished, so the guarantee of one sync per commit is kept.
 */
final class GroupSync {
    /** The sync itself. */
    @FunctionalInterface
    interface Sync {
        void run() throws SQLException;
    }

    /** Tickets handed out: one per commit asking to be made durable, in order. */
    private final AtomicLong requested = new AtomicLong();
    private final ReentrantLock syncing = new ReentrantLock();
    /** The highest ticket a finished sync covers (guarded by {@link #syncing}). */
    private long durable;

    /** Call after the commit returned; returns once a sync begun after that has finished. */
    void afterCommit(Sync sync) throws SQLException {
        long ticket = requested.incrementAndGet();
        syncing.lock();
        try {
            if (durable >= ticket) {
                return; // a sync that began after this commit has finished meanwhile
            }
            long covers = requested.get(); // every ticket so far was taken after its commit, so this sync covers it
            sync.run();
            durable = covers;
        } finally {
            syncing.unlock();
        }
    }

    /** Callers waiting for the sync in progress (for tests). */
    int waiting() {
        return syncing.getQueueLength();
    }
}
