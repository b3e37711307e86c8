package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one count line every fault test prints and checks, so a run's log says for each fault how many documents were
 * sent, judged, answered and fed, and how many were lost or duplicated:
 * {@code FAULT mixed-kill seed=42 sent=300 judged=300 receipts=300 feed=190 duplicates=0 lost=0}.
 *
 * <p>A test tallies what it expected and what it saw per document key (its own choice of key: a correlation id, a
 * file name, a Message-ID, a report id): {@link #expect} once per thing that must appear exactly once, {@link #saw}
 * once per appearance. A key expected but never seen is lost, each appearance beyond the expected count is a
 * duplicate, and an appearance of a key never expected is a duplicate too (something the hub made up or sent twice
 * under another name).
 */
final class FaultCount {
    /** What the line counts, in its order. */
    enum Kind {
        JUDGED, RECEIPTS, FEED,
        /** Parts of an approved package on {@code government.outbox}; on the line only where a fault expects some. */
        OUTBOX
    }

    private final String fault;
    private final String seed;
    private final Map<String, Integer> sent = new HashMap<>();
    private final Map<Kind, Map<String, Integer>> expected = new HashMap<>();
    private final Map<Kind, Map<String, Integer>> seen = new HashMap<>();
    private final Map<String, Long> extra = new TreeMap<>();

    /** @param seed the Random's seed that replays the run, or null for a fault without randomness */
    FaultCount(String fault, Long seed) {
        this.fault = fault;
        this.seed = seed == null ? null : seed.toString();
        for (Kind kind : Kind.values()) {
            expected.put(kind, new HashMap<>());
            seen.put(kind, new HashMap<>());
        }
    }

    /** A document sent (and confirmed where its channel confirms). */
    synchronized FaultCount sent(String key) {
        sent.merge(key, 1, Integer::sum);
        return this;
    }

    synchronized FaultCount expect(Kind kind, String key) {
        expected.get(kind).merge(key, 1, Integer::sum);
        return this;
    }

    synchronized FaultCount saw(Kind kind, String key) {
        seen.get(kind).merge(key, 1, Integer::sum);
        return this;
    }

    synchronized FaultCount saw(Kind kind, String key, int times) {
        seen.get(kind).merge(key, times, Integer::sum);
        return this;
    }

    /** A further number on the line (dlq=0, kills=5), printed after the standard ones. */
    synchronized FaultCount note(String name, long value) {
        extra.put(name, value);
        return this;
    }

    synchronized int sent() {
        return sent.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int total(Kind kind) {
        return seen.get(kind).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Appearances beyond what was expected, over every kind. */
    synchronized long duplicates() {
        return excess(seen, expected);
    }

    /** Expected appearances that never came, over every kind. */
    synchronized long lost() {
        return excess(expected, seen);
    }

    /** How far {@code more} goes beyond {@code less}, summed over every kind and key. */
    private static long excess(Map<Kind, Map<String, Integer>> more, Map<Kind, Map<String, Integer>> less) {
        long n = 0;
        for (Kind kind : Kind.values()) {
            for (var e : more.get(kind).entrySet()) {
                n += Math.max(0, e.getValue() - less.get(kind).getOrDefault(e.getKey(), 0));
            }
        }
        return n;
    }

    /** Keys with too few or too many appearances of one kind, for the failure message. */
    synchronized Map<String, String> mismatches(Kind kind) {
        Map<String, String> wrong = new TreeMap<>();
        Map<String, Integer> want = expected.get(kind);
        Map<String, Integer> got = seen.get(kind);
        for (String key : union(want, got)) {
            int w = want.getOrDefault(key, 0);
            int g = got.getOrDefault(key, 0);
            if (w != g) {
                wrong.put(key, "expected " + w + ", saw " + g);
            }
        }
        return wrong;
    }

    synchronized String line() {
        StringBuilder line = new StringBuilder("FAULT ").append(fault);
        if (seed != null) {
            line.append(" seed=").append(seed);
        }
        line.append(" sent=").append(sent())
                .append(" judged=").append(total(Kind.JUDGED))
                .append(" receipts=").append(total(Kind.RECEIPTS))
                .append(" feed=").append(total(Kind.FEED));
        if (!expected.get(Kind.OUTBOX).isEmpty() || !seen.get(Kind.OUTBOX).isEmpty()) {
            line.append(" outbox=").append(total(Kind.OUTBOX));
        }
        line                .append(" duplicates=").append(duplicates())
                .append(" lost=").append(lost());
        extra.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        return line.toString();
    }

    /** Prints the count line, then fails on anything lost or duplicated, naming the documents. */
    FaultCount printAndAssertExact() {
        String line = line();
        System.out.println(line);
        for (Kind kind : Kind.values()) {
            assertThat(mismatches(kind)).as("%s per document (%s)", kind, line).isEmpty();
        }
        assertThat(lost()).as(line).isZero();
        assertThat(duplicates()).as(line).isZero();
        return this;
    }

    /**
     * On a failure: prints how far the counts got and the hub log's last WARN and ERROR lines (CI keeps only what a
     * test prints), and keeps the whole log as {@code target/<test>-hub.log}.
     */
    void failed(Path data, String test) throws java.io.IOException {
        System.out.println(line());
        Path log = data.resolve("hub.log");
        if (!java.nio.file.Files.exists(log)) {
            return;
        }
        List<String> warnings = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).forEach(warnings::add);
        }
        System.out.println("the hub's last WARN and ERROR lines (" + warnings.size() + " in all):");
        warnings.subList(Math.max(0, warnings.size() - 40), warnings.size())
                .forEach(l -> System.out.println("  " + l.substring(0, Math.min(l.length(), 400))));
        java.nio.file.Files.copy(log, Path.of("target", test + "-hub.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The stopped hub's H2 database in {@code data}, as the tests open it. */
    static Connection h2(Path data) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db").resolve("hub"), "sa", "");
    }

    /** Stored submissions (judgements) per value of {@code column} ({@code report_id}, {@code sha256}). */
    static Map<String, Integer> judgedPer(Connection db, String column) throws SQLException {
        if (!Set.of("report_id", "sha256", "submission_id").contains(column)) {
            throw new IllegalArgumentException("not a submission key: " + column);
        }
        Map<String, Integer> judged = new HashMap<>();
        try (db; ResultSet rs = db.createStatement().executeQuery(
                "SELECT " + column + ", COUNT(*) FROM submission GROUP BY " + column)) {
            while (rs.next()) {
                judged.put(rs.getString(1), rs.getInt(2));
            }
        }
        return judged;
    }

    private static java.util.Set<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
