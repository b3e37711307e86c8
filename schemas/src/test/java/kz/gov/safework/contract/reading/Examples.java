package kz.gov.safework.contract.reading;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kz.gov.safework.contract.validation.ErrorCode;

/** The example documents in {@code schemas/examples/}, and reading bytes with the standard reader. */
final class Examples {
    static final Path VALID = Path.of("examples", "valid");
    static final Path INVALID = Path.of("examples", "invalid");
    /** Generous for the examples, small enough to matter. */
    static final long MAX_BYTES = 1024 * 1024;

    /** Codes the reader itself answers; every other code in an example's name is the pipeline's (business rules). */
    static final Set<ErrorCode> READER_LEVEL = EnumSet.of(
            ErrorCode.EMPTY_DOCUMENT, ErrorCode.DOCUMENT_TOO_LARGE, ErrorCode.UNSUPPORTED_FORMAT,
            ErrorCode.MALFORMED_XML, ErrorCode.MALFORMED_JSON, ErrorCode.DOCTYPE_FORBIDDEN,
            ErrorCode.ENCODING_INVALID, ErrorCode.JSON_LIMIT_EXCEEDED, ErrorCode.UNKNOWN_DOCUMENT_TYPE,
            ErrorCode.SCHEMA_VIOLATION);

    static List<Path> valid() {
        return list(VALID);
    }

    static List<Path> invalid() {
        return list(INVALID).stream().filter(p -> !p.getFileName().toString().equals("README.md")).toList();
    }

    static List<Path> readerLevelInvalid() {
        return invalid().stream().filter(p -> READER_LEVEL.contains(expectedCode(p))).toList();
    }

    static List<Path> businessLevelInvalid() {
        return invalid().stream().filter(p -> !READER_LEVEL.contains(expectedCode(p))).toList();
    }

    /** The code an invalid example is named after: {@code CODE--what-is-wrong.ext}. */
    static ErrorCode expectedCode(Path example) {
        String name = example.getFileName().toString();
        int dashes = name.indexOf("--");
        if (dashes < 0) {
            throw new IllegalArgumentException(name + " is not named CODE--description.ext");
        }
        return ErrorCode.valueOf(name.substring(0, dashes));
    }

    static ReadResult read(Path file) {
        return read(bytes(file));
    }

    static ReadResult read(byte[] bytes) {
        try {
            return DocumentReader.progressReports().read(new ByteArrayInputStream(bytes), MAX_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Examples() {
    }
}
