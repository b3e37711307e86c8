package kz.gov.safework.hub;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;

/**
 * Two hub instances in one JVM on one fresh in-memory database ({@link TestH2#migrated()}), "hub-a" and "hub-b",
 * built but not started: the test starts them in the order it needs. Closing stops the second, then the first
 * (stopping one already stopped does nothing), then drops the database.
 */
public final class TwoHubs implements AutoCloseable {
    /** Builds one hub's context with the given instance id on the shared database. */
    @FunctionalInterface
    public interface Hub {
        CamelContext build(String id, HikariDataSource db) throws Exception;
    }

    private final HikariDataSource db;
    private final CamelContext first;
    private final CamelContext second;

    private TwoHubs(HikariDataSource db, CamelContext first, CamelContext second) {
        this.db = db;
        this.first = first;
        this.second = second;
    }

    public static TwoHubs on(Hub hub) throws Exception {
        HikariDataSource db = TestH2.migrated();
        try {
            return new TwoHubs(db, hub.build("hub-a", db), hub.build("hub-b", db));
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    /** "hub-a". */
    public CamelContext first() {
        return first;
    }

    /** "hub-b". */
    public CamelContext second() {
        return second;
    }

    @Override
    public void close() {
        try {
            second.stop();
            first.stop();
        } finally {
            db.close();
        }
    }
}
