package kz.gov.safework.hub.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's default uncaught-exception handler: a broker or consumer thread that dies of an error nobody caught is
 * remembered here, so health reports DOWN instead of a half-alive hub answering 200. (An OutOfMemoryError never gets
 * this far: the JVM runs with {@code -XX:+ExitOnOutOfMemoryError}.)
 */
public final class DeadThreads implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadThreads.class);
    /** Bounded: a thread dying in a loop must not become a memory problem of its own. */
    private static final int KEEP = 20;

    private final List<String> deaths = new CopyOnWriteArrayList<>();

    /** Installs this as the default handler of every thread that has none of its own. */
    public static DeadThreads install() {
        DeadThreads dead = new DeadThreads();
        Thread.setDefaultUncaughtExceptionHandler(dead);
        return dead;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        String death = thread.getName() + ": " + error.getClass().getName();
        if (deaths.size() < KEEP) {
            deaths.add(death);
        }
        LOG.error("Thread {} died", thread.getName(), error);
    }

    /** "thread-name: error class" of the threads that died, oldest first (at most {@value #KEEP}). */
    public List<String> deaths() {
        return List.copyOf(deaths);
    }
}
