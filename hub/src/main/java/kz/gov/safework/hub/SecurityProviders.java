package kz.gov.safework.hub;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JCA providers named by {@code hub.security.providers} (a national-standard one such as KNCA's Kalkan), added to the
 * JVM's list before any keystore, certificate or signature is read, at hub start ({@link #beforeConfigure}, the first
 * listener) and by the {@code verify} command. Each is appended: the JDK's own providers stay first, so RSA, ECDSA,
 * PKCS12 and JKS are the JDK's whatever is configured, and a provider serves only the algorithm and keystore type
 * names the JDK does not know. The packaged jar's classpath is fixed by its manifest ({@code lib/}), so the
 * provider's jars come from the folder {@code hub.security.provider-path} (relative to the config dir), read with a
 * class loader of their own whose parent is the hub's.
 */
final class SecurityProviders extends MainListenerSupport {
    static final String PROVIDERS = "hub.security.providers";
    static final String PROVIDER_PATH = "hub.security.provider-path";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityProviders.class);
    private static final Pattern CLASS_NAME = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Settings settings = new Settings(main.getCamelContext());
        register(settings::get, Path.of(settings.get(HubSettings.CONFIG_DIR))).forEach(provider -> LOG.info(
                "JCA provider {} {} ({}) added after the JDK's", provider.getName(), provider.getVersionStr(),
                provider.getClass().getName()));
    }

    /**
     * Loads, makes and appends every configured provider; one already installed under the same name (a second hub
     * in one JVM) is kept as it is. Returns the configured providers as installed.
     *
     * @throws IllegalStateException naming the key and the class, for a class that cannot be loaded, is not a
     *         {@link Provider} or has no public no-arg constructor, and for a provider path that holds no jar
     */
    static List<Provider> register(Function<String, String> settings, Path configDir) {
        String names = settings.apply(PROVIDERS).trim();
        if (names.isEmpty()) {
            return List.of();
        }
        ClassLoader loader = loader(settings.apply(PROVIDER_PATH).trim(), configDir);
        List<Provider> installed = new ArrayList<>();
        for (String name : names.split(",")) {
            Provider provider = instantiate(name.trim(), loader);
            Security.addProvider(provider);
            installed.add(Security.getProvider(provider.getName()));
        }
        return installed;
    }

    private static Provider instantiate(String name, ClassLoader loader) {
        if (!CLASS_NAME.matcher(name).matches()) {
            throw new IllegalStateException(PROVIDERS + ": '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a class name (comma-separated fully qualified names)");
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(PROVIDERS + ": class " + name + " cannot be loaded (" + e
                    + "); is its jar in " + PROVIDER_PATH + "?", e);
        }
        if (!Provider.class.isAssignableFrom(type)) {
            throw new IllegalStateException(PROVIDERS + ": class " + name + " is not a java.security.Provider");
        }
        try {
            return (Provider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(PROVIDERS + ": class " + name + " has no public no-arg constructor", e);
        } catch (InstantiationException | InvocationTargetException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            throw new IllegalStateException(PROVIDERS + ": class " + name + " could not be made (" + cause + ")", e);
        }
    }

    /** The hub's own class loader without a provider path; else one over every jar of that folder. */
    private static ClassLoader loader(String path, Path configDir) {
        ClassLoader hub = SecurityProviders.class.getClassLoader();
        if (path.isEmpty()) {
            return hub;
        }
        Path folder = configDir.resolve(path).toAbsolutePath();
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new IllegalStateException(PROVIDER_PATH + "=" + path + ": " + folder + " is not a readable folder",
                    e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException(PROVIDER_PATH + "=" + path + ": " + folder + " holds no .jar file");
        }
        // Never closed: the providers it loads serve the JVM until it exits.
        return new URLClassLoader("jca-providers", jars.toArray(URL[]::new), hub);
    }
}
