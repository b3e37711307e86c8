package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships in {@code hub/target/lib}: one version of each artifact, and one version of each family that is
 * released as a whole (Netty's modules, Artemis, Camel, Vert.x). Maven copies one version per artifact, so
 * the danger is a family split across versions (Netty 4.1.118 next to 4.1.135), which the file names alone
 * do not show; the group comes from each jar's {@code pom.properties}.
 */
class LibraryVersionsIT {
    /** Families whose modules must all carry one version (by Maven group). */
    static final Set<String> FAMILIES = Set.of("io.netty", "org.apache.artemis", "org.apache.camel", "io.vertx");
    /** Netty modules with their own release line. */
    static final Pattern NETTY_OWN_LINE = Pattern.compile("netty-(tcnative.*|jni-util|incubator.*)");
    static final Pattern FILE_NAME = Pattern.compile("(.+?)-(\\d[^-]*(?:-[A-Za-z]+)?)(?:-[a-z][a-z0-9_-]*)?\\.jar");

    record Jar(String group, String artifact, String version, String file) {
    }

    @Test
    void libHoldsOneVersionOfEachArtifactAndFamily() throws IOException {
        Path lib = Path.of(System.getProperty("hub.jar", "target/safework-hub.jar")).getParent().resolve("lib");
        List<Jar> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(lib)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(describe(file));
            }
        }
        assertThat(jars).hasSizeGreaterThan(50);
        assertThat(jars).anyMatch(j -> "io.netty".equals(j.group()));
        assertThat(conflicts(jars)).isEmpty();
    }

    @Test
    void twoNettyVersionsAreCaught() {
        List<Jar> jars = List.of(
                new Jar("io.netty", "netty-handler", "4.1.135.Final", "netty-handler-4.1.135.Final.jar"),
                new Jar("io.netty", "netty-codec", "4.1.118.Final", "netty-codec-4.1.118.Final.jar"),
                new Jar("io.netty", "netty-tcnative-classes", "2.0.70.Final", "netty-tcnative-classes-2.0.70.Final.jar"),
                new Jar("org.example", "tool", "1.0", "tool-1.0.jar"),
                new Jar("org.other", "tool", "2.0", "tool-2.0.jar"));
        assertThat(conflicts(jars)).containsExactlyInAnyOrder(
                "family io.netty in several versions: [4.1.118.Final, 4.1.135.Final]",
                "artifact tool in several versions: [1.0, 2.0]");
    }

    static List<String> conflicts(List<Jar> jars) {
        Map<String, Set<String>> byArtifact = new TreeMap<>();
        Map<String, Set<String>> byFamily = new TreeMap<>();
        for (Jar jar : jars) {
            byArtifact.computeIfAbsent(jar.artifact(), a -> new TreeSet<>()).add(jar.version());
            boolean ownLine = jar.group() != null && jar.group().equals("io.netty")
                    && NETTY_OWN_LINE.matcher(jar.artifact()).matches();
            if (jar.group() != null && FAMILIES.contains(jar.group()) && !ownLine) {
                byFamily.computeIfAbsent(jar.group(), g -> new TreeSet<>()).add(jar.version());
            }
        }
        List<String> problems = new ArrayList<>();
        byFamily.forEach((family, versions) -> {
            if (versions.size() > 1) {
                problems.add("family " + family + " in several versions: " + versions);
            }
        });
        byArtifact.forEach((artifact, versions) -> {
            if (versions.size() > 1) {
                problems.add("artifact " + artifact + " in several versions: " + versions);
            }
        });
        return problems;
    }

    /** Group, artifact and version from the jar's Maven metadata, else artifact and version from its name. */
    static Jar describe(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                    .findFirst().orElse(null);
            if (entry != null) {
                Properties props = new Properties();
                try (InputStream in = zip.getInputStream(entry)) {
                    props.load(in);
                }
                String artifact = props.getProperty("artifactId");
                if (artifact != null && name.startsWith(artifact + "-")) {
                    return new Jar(props.getProperty("groupId"), artifact, props.getProperty("version"), name);
                }
            }
        }
        Matcher m = FILE_NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalStateException("Cannot tell artifact and version of " + name);
        }
        return new Jar(null, m.group(1), m.group(2), name);
    }
}
