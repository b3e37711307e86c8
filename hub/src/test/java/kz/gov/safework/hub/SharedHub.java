package kz.gov.safework.hub;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;

/**
 * One packaged hub per test JVM (failsafe fork) for the system test classes that can share it, instead of one
 * {@link HubProcess} start per class: each start is a JVM, a broker and a database brought up, about half a minute on
 * CI. A class asks for it with {@code @ExtendWith(SharedHub.class)} and a static {@link Hub @Hub} field of type
 * {@link HubProcess}; classes that ask for the same settings get the same running hub, which stops when the test JVM's
 * launcher session ends.
 *
 * <p>Only for a class that does not care what other classes did to the hub before it: its reports have fresh ids,
 * it reads its own receipts by correlation id, and it counts nothing hub-wide (not the store's total, not the whole
 * feed, not the dead letters, not the log's warnings) and does not stop, restart or suspend anything. A class that
 * does asks for a hub of its own ({@code @Hub(own = true)}), started for it alone and stopped after its last test.
 *
 * <p>The session's store, not the root context's: surefire runs each class of a fork as a request of its own in one
 * launcher session, so a root-context store would close after every class.
 */
final class SharedHub implements BeforeAllCallback {
    private static final Namespace NAMESPACE = Namespace.create(SharedHub.class);

    /** Marks the static field that gets the shared hub. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Hub {
        /** Extra hub settings as {@code name=value}, as {@link HubProcess}'s extras; the default hub has none. */
        String[] settings() default {};

        /** A hub for this class alone, not shared: for a class that counts hub-wide or stops the hub. */
        boolean own() default false;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        boolean found = false;
        for (Field field : testClass.getDeclaredFields()) {
            Hub wanted = field.getAnnotation(Hub.class);
            if (wanted == null) {
                continue;
            }
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != HubProcess.class) {
                throw new IllegalStateException(testClass.getSimpleName() + "." + field.getName()
                        + ": @SharedHub.Hub goes on a static HubProcess field");
            }
            field.setAccessible(true);
            Map<String, String> settings = settings(wanted);
            field.set(null, wanted.own() ? ownHub(context, settings) : hub(context, settings));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException(testClass.getSimpleName() + " extends with SharedHub but has no @SharedHub.Hub field");
        }
    }

    /** The running hub with these settings, started now if this JVM has none yet. */
    static HubProcess hub(ExtensionContext context, Map<String, String> settings) {
        // A TreeMap: the same settings in another order are the same hub.
        Map<String, String> key = new TreeMap<>(settings);
        return context.getStore(StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .getOrComputeIfAbsent(key, k -> Running.start(key), Running.class).hub();
    }

    /** A hub started now for the class of {@code context}, stopped when the class's tests are done. */
    static HubProcess ownHub(ExtensionContext context, Map<String, String> settings) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getRequiredTestClass(),
                k -> Running.start(settings), Running.class).hub();
    }

    private static Map<String, String> settings(Hub wanted) {
        Map<String, String> settings = new TreeMap<>();
        for (String setting : wanted.settings()) {
            int eq = setting.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("@SharedHub.Hub setting is not name=value: " + setting);
            }
            settings.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return settings;
    }

    /** A started hub and its data dir, both gone when the store closes it. */
    private record Running(HubProcess hub, Path dataDir) implements AutoCloseable {
        static Running start(Map<String, String> settings) {
            Path dataDir = null;
            try {
                dataDir = Files.createTempDirectory("system-test-hub-");
                return new Running(new HubProcess(dataDir, settings).start(), dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("shared hub " + settings + " did not start (data in " + dataDir + ")", e);
            }
        }

        @Override
        public void close() throws Exception {
            hub.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
