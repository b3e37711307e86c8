package kz.gov.safework.contract.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of the document contract as agencies get them: every file under {@code classpath:schemas/} (the XSD and
 * JSON Schemas, and the example documents under {@code examples/}), read once, byte for byte, by their path below that
 * folder ({@code report/progress-report-v1.xsd}). Only these names exist: a path from a request is looked up, never
 * resolved against a folder, so nothing outside them can be reached.
 *
 * <pre>{@code
 * ContractFiles files = ContractFiles.load();
 * files.file("report/progress-report-v1.xsd").map(ContractFiles.File::contentType); // application/xml
 * }</pre>
 */
public final class ContractFiles {
    /** A path of letters, digits, '.', '_' and '-' segments, none of them starting with a dot. */
    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** One file: its bytes and the media type it is served as. */
    public record File(String path, byte[] bytes, String contentType) {
    }

    private final Map<String, File> files;

    private ContractFiles(Map<String, File> files) {
        this.files = Map.copyOf(files);
    }

    /** Every file under {@code classpath:schemas/}, from the jar or the folder that holds that classpath folder. */
    public static ContractFiles load() {
        URL anchor = ContractFiles.class.getClassLoader().getResource(ContractSchemas.PROGRESS_REPORT_V1_XSD);
        if (anchor == null) {
            throw new IllegalStateException("no " + ContractSchemas.PROGRESS_REPORT_V1_XSD + " on the classpath");
        }
        try {
            URI uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath("/" + ContractSchemas.JSON_SCHEMA_CLASSPATH_BASE));
                } catch (java.nio.file.FileSystemAlreadyExistsException open) {
                    // someone else has the jar open as a file system: read through theirs, and leave it open
                    return read(FileSystems.getFileSystem(uri).getPath("/" + ContractSchemas.JSON_SCHEMA_CLASSPATH_BASE));
                }
            }
            Path xsd = Path.of(uri);
            return read(xsd.getParent().getParent()); // schemas/report/x.xsd -> schemas/
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract's files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContractFiles read(Path root) throws IOException {
        Map<String, File> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (NAME.matcher(path).matches()) {
                    files.put(path, new File(path, Files.readAllBytes(file), contentType(path)));
                }
            }
        }
        return new ContractFiles(files);
    }

    /** The file at {@code path} below {@code schemas/}; empty for any other name, however it is spelled. */
    public Optional<File> file(String path) {
        return path == null || !NAME.matcher(path).matches() ? Optional.empty() : Optional.ofNullable(files.get(path));
    }

    /** Every path, sorted. */
    public java.util.List<String> paths() {
        return files.keySet().stream().sorted().toList();
    }

    /** The media type of a contract file by its name. */
    static String contentType(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".schema.json")) {
            return "application/schema+json";
        } else if (name.endsWith(".json")) {
            return "application/json";
        } else if (name.endsWith(".xsd") || name.endsWith(".xml")) {
            // no charset: an XML document says its own encoding (06-...-windows-1251.xml)
            return "application/xml";
        } else if (name.endsWith(".md")) {
            return "text/markdown; charset=utf-8";
        } else if (name.endsWith(".csv")) {
            return "text/csv";
        }
        return "application/octet-stream";
    }
}
