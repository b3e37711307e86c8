package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in {@code schemas/examples/} reads (or fails) as its name and README say. */
class ExamplesTest {

    static List<Path> validExamples() {
        return Examples.valid();
    }

    static List<Path> readerLevelInvalidExamples() {
        return Examples.readerLevelInvalid();
    }

    static List<Path> businessLevelInvalidExamples() {
        return Examples.businessLevelInvalid();
    }

    /** The reader finds nothing wrong with {@code example} and gives its report. */
    private static ReadResult readWithoutErrors(Path example) {
        ReadResult result = Examples.read(example);
        assertThat(result.errors()).isEmpty();
        assertThat(result.report()).isNotNull();
        return result;
    }

    @Test
    void theContractShipsEnoughExamples() {
        assertThat(Examples.valid()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(Examples.invalid()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(Examples.valid()).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.endsWith(".xml")).anyMatch(n -> n.endsWith(".json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExampleReadsWithoutErrors(Path example) {
        ReadResult result = readWithoutErrors(example);

        assertThat(result.ok()).isTrue();
        ProgressReport report = result.report();
        assertThat(report.plan()).isEqualTo("safe-labor-2021-2025");
        assertThat(report.year()).isBetween(2022, 2023);
        assertThat(result.reportId()).isEqualTo(report.reportId());
        assertThat(result.agency()).isEqualTo(report.agency());
        assertThat(result.year()).isEqualTo(report.year());
        assertThat(report.items()).isNotEmpty().allSatisfy(item -> assertThat(item.narrativeRu()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExampleAlreadyMeetsTheBusinessRulesTheReaderCanSee(Path example) {
        ProgressReport report = Examples.read(example).report();

        for (ItemEntry item : report.items()) {
            if (item.status() == ItemStatus.COMPLETED) {
                assertThat(item.completionDocument()).as("item %s", item.item()).isNotNull();
            }
            if (item.expenses() != null) {
                assertThat(item.expenses().actual()).isNotNegative();
                if (item.expenses().planned() != null) {
                    assertThat(item.expenses().planned()).isNotNegative();
                }
            }
        }
        assertThat(report.items()).extracting(ItemEntry::item).doesNotHaveDuplicates();
    }

    @Test
    void xmlAndJsonTwinsMapToEqualModels() {
        ReadResult json = Examples.read(Examples.VALID.resolve("01-akimat-astana-2022.json"));
        ReadResult xml = Examples.read(Examples.VALID.resolve("02-akimat-astana-2022-twin.xml"));

        assertThat(json.format()).isEqualTo(DocumentFormat.JSON);
        assertThat(xml.format()).isEqualTo(DocumentFormat.XML);
        assertThat(xml.report()).isEqualTo(json.report());
        assertThat(json.report().items()).hasSize(7);
        assertThat(json.report().items().get(0).expenses().actual()).isEqualByComparingTo(new BigDecimal("4380.5"));
    }

    @Test
    void correctionExampleReplacesAnotherValidReportOfTheSameAgencyAndYear() {
        List<Path> inSendingOrder = Examples.valid();
        Map<String, Integer> position = new HashMap<>();
        Map<String, ProgressReport> byId = new HashMap<>();
        for (int i = 0; i < inSendingOrder.size(); i++) {
            ProgressReport report = Examples.read(inSendingOrder.get(i)).report();
            position.putIfAbsent(report.reportId(), i);
            byId.putIfAbsent(report.reportId(), report);
        }
        List<ProgressReport> corrections = byId.values().stream().filter(r -> r.correctionOf() != null).toList();

        assertThat(corrections).isNotEmpty().allSatisfy(correction -> {
            ProgressReport original = byId.get(correction.correctionOf());
            assertThat(position.get(original.reportId())).as("the original comes first in name order")
                    .isLessThan(position.get(correction.reportId()));
            assertThat(original).as("corrected report %s", correction.correctionOf()).isNotNull();
            assertThat(original.agency()).isEqualTo(correction.agency());
            assertThat(original.year()).isEqualTo(correction.year());
            assertThat(original.correctionOf()).isNull();
        });
    }

    @Test
    void validExamplesShareAReportIdOnlyWhenTheyAreTheSameReport() {
        Map<String, List<ProgressReport>> byId = Examples.valid().stream()
                .map(p -> Examples.read(p).report())
                .collect(Collectors.groupingBy(ProgressReport::reportId));

        assertThat(byId.values()).allSatisfy(same -> assertThat(same).containsOnly(same.get(0)));
        assertThat(byId).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void windows1251ExampleKeepsRussianAndKazakhText() throws IOException {
        Path example = Examples.VALID.resolve("06-akimat-astana-2023-windows-1251.xml");
        assertThat(new String(Files.readAllBytes(example), 0, 60, StandardCharsets.US_ASCII))
                .contains("encoding=\"windows-1251\"");

        ProgressReport report = Examples.read(example).report();

        assertThat(report.contact().name()).isEqualTo("Касымова Айгерим Болатовна");
        // ң is not in windows-1251: the file carries it as a character reference
        assertThat(report.items().get(0).narrativeKk()).contains("еңбек");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readerLevelInvalidExamples")
    void readerLevelInvalidExampleYieldsExactlyItsCode(Path example) {
        ErrorCode expected = Examples.expectedCode(example);

        ReadResult result = Examples.read(example);

        assertThat(result.ok()).isFalse();
        assertThat(result.report()).isNull();
        assertThat(result.errors()).isNotEmpty().extracting(ValidationError::code).containsOnly(expected);
        assertThat(result.errors()).allSatisfy(e -> {
            assertThat(e.message()).startsWith(expected.messageRu());
            assertThat(e.messageEn()).startsWith(expected.messageEn());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("businessLevelInvalidExamples")
    void businessLevelInvalidExampleIsSchemaValid(Path example) {
        readWithoutErrors(example);
    }

    @Test
    void businessLevelExamplesAreWrittenForAkimatAstanaAsSender() {
        assertThat(Examples.businessLevelInvalid()).isNotEmpty().allSatisfy(example -> {
            ErrorCode code = Examples.expectedCode(example);
            String agency = Examples.read(example).report().agency();
            if (code == ErrorCode.UNKNOWN_AGENCY || code == ErrorCode.AGENCY_MISMATCH) {
                assertThat(agency).isNotEqualTo("AKIMAT-ASTANA");
            } else {
                assertThat(agency).isEqualTo("AKIMAT-ASTANA");
            }
        });
    }

    @Test
    void readmeListsEveryInvalidExample() throws IOException {
        String readme = Files.readString(Path.of("examples", "README.md"));

        assertThat(Examples.invalid()).allSatisfy(example ->
                assertThat(readme).contains(example.getFileName().toString()));
    }
}
