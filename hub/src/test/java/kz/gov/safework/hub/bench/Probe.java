package kz.gov.safework.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another JVM from outside: its CPU time (the kernel's count, {@code /proc/<pid>/stat} through
 * {@link ProcessHandle}) and its heap after a full GC ({@code jcmd GC.run}, then {@code jcmd GC.heap_info}; jcmd
 * rather than a JMX connection, which the tests' {@code jdk.serialFilter=!*} refuses).
 */
public final class Probe {
    /** A heap's top-level lines (one per generation, or one for G1's whole heap): "total 262144K, used 4567K". */
    private static final Pattern USED = Pattern.compile("^ \\S.*?total \\d+K, used (\\d+)K", Pattern.MULTILINE);

    private final long pid;
    private final ProcessHandle process;

    public Probe(long pid) {
        this.pid = pid;
        this.process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
    }

    /** User + system CPU time of the whole process so far, in seconds. */
    public double cpuSeconds() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    /** Bytes of heap in use right after a full GC. */
    public long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        return usedBytes(jcmd("GC.heap_info"));
    }

    static long usedBytes(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long kib = 0;
        boolean found = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap usage in jcmd GC.heap_info:\n" + heapInfo);
        }
        return kib * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
