package kz.gov.safework.contract.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the project's {@code config/} directory from wherever the tests run, and copies it for mutation. */
final class ConfigDir {

    static Path real() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("config");
            if (Files.isRegularFile(candidate.resolve(ReferenceDataLoader.AGENCIES_FILE))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no config/agencies.yaml above " + Path.of("").toAbsolutePath());
    }

    /** A copy of the real agencies.yaml and plans/ in {@code target}, to break one thing in. */
    static Path copyTo(Path target) {
        Path source = real();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private ConfigDir() {
    }
}
