package kz.gov.safework.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kz.gov.safework.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's files as the hub serves them: every schema and example, byte for byte, and no other name. */
class ContractFilesTest {
    private static final ContractFiles FILES = ContractFiles.load();
    private static final Path SCHEMAS = Path.of("src", "main", "resources", "schemas");
    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void holdsEverySchemaByteForByteUnderItsOwnPath() throws IOException {
        try (Stream<Path> walk = Files.walk(SCHEMAS)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = SCHEMAS.relativize(file).toString().replace('\\', '/');
                assertThat(FILES.file(path)).as(path).isPresent();
                assertThat(FILES.file(path).get().bytes()).as(path).isEqualTo(Files.readAllBytes(file));
            }
        }
        assertThat(FILES.file("report/progress-report-v1.xsd").get().contentType()).isEqualTo("application/xml");
        assertThat(FILES.file("receipt/receipt-v1.schema.json").get().contentType()).isEqualTo("application/schema+json");
    }

    @Test
    void holdsEveryExampleDocumentUnderExamples() throws IOException {
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = "examples/" + EXAMPLES.relativize(file).toString().replace('\\', '/');
                assertThat(FILES.file(path)).as(path).isPresent();
                assertThat(FILES.file(path).get().bytes()).as(path).isEqualTo(Files.readAllBytes(file));
            }
        }
        assertThat(FILES.file("examples/valid/03-mz-2022.xml").get().contentType()).isEqualTo("application/xml");
        assertThat(FILES.file("examples/valid/01-akimat-astana-2022.json").get().contentType())
                .isEqualTo("application/json");
        assertThat(FILES.file("examples/invalid/UNSUPPORTED_FORMAT--binary.bin").get().contentType())
                .isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "report", "report/", "/report/progress-report-v1.xsd", "report//progress-report-v1.xsd",
            "../schemas/report/progress-report-v1.xsd", "report/../report/progress-report-v1.xsd",
            "./report/progress-report-v1.xsd", "report\\progress-report-v1.xsd", "report%2Fprogress-report-v1.xsd",
            "%2e%2e/report/progress-report-v1.xsd", "REPORT/progress-report-v1.xsd", "report/progress-report-v1.xsd/",
            "kz/gov/safework/contract/schema/ContractFiles.class", "report/progress-report-v1.xsd\u0000"})
    void knowsNoOtherName(String path) {
        assertThat(FILES.file(path)).as(path).isEmpty();
    }

    @Test
    void everyJsonSchemaIdIsThePathTheHubServesItAt() throws IOException {
        int schemas = 0;
        for (String path : FILES.paths()) {
            if (path.endsWith(".schema.json")) {
                JsonNode schema = Json.mapper().readTree(FILES.file(path).get().bytes());
                assertThat(schema.path("$id").asText()).as(path).isEqualTo(ContractSchemas.SERVED_PATH + path);
                schemas++;
            }
        }
        assertThat(schemas).isEqualTo(6);
    }
}
