package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** XML that tries to make the hub read files, call out, blow up in memory, or lie about its encoding. */
class HostileXmlTest {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @TempDir
    Path tmp;

    /** A local port that must never be contacted. */
    private ConnectionTrap trap;
    private String trapUrl;

    @BeforeEach
    void openTrap() throws IOException {
        trap = new ConnectionTrap();
        trapUrl = trap.url();
    }

    @AfterEach
    void closeTrap() throws IOException {
        trap.close();
    }

    private void assertTrapNeverContacted() {
        assertThat(trap.connections()).as("connections to " + trapUrl).isZero();
    }

    private static ReadResult read(String text) {
        return Examples.read(Documents.utf8(text));
    }

    private static ReadResult read(String text, Charset charset) {
        return Examples.read(text.getBytes(charset));
    }

    @Test
    void trapNoticesAConnection() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), trap.port())) {
            assertThat(socket.getInputStream().read()).as("closed by the trap").isEqualTo(-1);
        }
        assertThat(trap.connections()).as("the trap must see what the tests below say never happens").isEqualTo(1);
    }

    @Test
    void refusesBillionLaughs() {
        ReadResult result = Examples.read(Examples.INVALID.resolve("DOCTYPE_FORBIDDEN--billion-laughs.xml"));

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.DOCTYPE_FORBIDDEN);
    }

    @Test
    void safeParserRefusesDoctypeOnItsOwnToo() {
        String laughs = new String(Examples.bytes(Examples.INVALID.resolve("DOCTYPE_FORBIDDEN--billion-laughs.xml")),
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeXml.newSaxParser().parse(new InputSource(new StringReader(laughs)),
                new DefaultHandler()))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void xxeFileIsRefusedAndTheFileNeverShows() throws IOException {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(tmp.resolve("secret.txt"), secret);
        String document = DECLARATION
                + "<!DOCTYPE progressReport [<!ENTITY secret SYSTEM \"" + file.toUri() + "\">]>\n"
                + Documents.xml(Documents.xmlItem("14", "IN_PROGRESS", "&secret;"));

        ReadResult result = read(document);

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.DOCTYPE_FORBIDDEN);
        assertThat(result.report()).isNull();
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message() + e.messageEn() + e.path())
                .doesNotContain(secret));
        assertThatThrownBy(() -> SafeXml.newSaxParser().parse(new InputSource(new StringReader(document)),
                new DefaultHandler()))
                .isInstanceOf(SAXParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    static Stream<Arguments> documentsNamingTheTrap() {
        return Stream.of(
                Arguments.of("external general entity", ErrorCode.DOCTYPE_FORBIDDEN,
                        DECLARATION + "<!DOCTYPE progressReport [<!ENTITY e SYSTEM \"%s/entity\">]>\n"
                                + Documents.xml(Documents.xmlItem("14", "IN_PROGRESS", "&e;"))),
                Arguments.of("external parameter entity", ErrorCode.DOCTYPE_FORBIDDEN,
                        DECLARATION + "<!DOCTYPE progressReport [<!ENTITY % p SYSTEM \"%s/evil.dtd\"> %%p;]>\n"
                                + Documents.validXml()),
                Arguments.of("external DTD", ErrorCode.DOCTYPE_FORBIDDEN,
                        DECLARATION + "<!DOCTYPE progressReport SYSTEM \"%s/report.dtd\">\n" + Documents.validXml()),
                Arguments.of("DOCTYPE after a comment", ErrorCode.DOCTYPE_FORBIDDEN,
                        DECLARATION + "<!-- отчёт -->\n<!DOCTYPE progressReport SYSTEM \"%s/report.dtd\">\n"
                                + Documents.validXml()),
                Arguments.of("XInclude", ErrorCode.SCHEMA_VIOLATION,
                        DECLARATION + Documents.xml(Documents.xmlItem("14", "IN_PROGRESS", "Текст")
                                .replace("</item>", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                                        + " href=\"%s/include.xml\"/></item>"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentsNamingTheTrap")
    void documentNamingAnUrlNeverMakesTheReaderConnect(String why, ErrorCode expected, String template) {
        String document = template.replace("%%", "\u0000").replace("%s", trapUrl).replace("\u0000", "%");

        ReadResult result = read(document);

        assertThat(result.errors()).isNotEmpty().extracting(ValidationError::code).containsOnly(expected);
        assertTrapNeverContacted();
    }

    @Test
    void schemaLocationHintIsIgnoredAndNeverFetched() {
        String document = Documents.validXml().replace("<progressReport xmlns=\"" + Documents.NS + "\">",
                "<progressReport xmlns=\"" + Documents.NS + "\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"" + Documents.NS + " " + trapUrl + "/other.xsd\">");

        ReadResult result = read(document);

        assertThat(result.errors()).isEmpty();
        assertTrapNeverContacted();
    }

    @Test
    void deeplyNestedElementsAreRefusedWithoutExhaustingTheStack() {
        int depth = 100_000;
        String nested = "<x>".repeat(depth) + "</x>".repeat(depth);
        String document = Documents.xml(Documents.xmlItem("14", "IN_PROGRESS", nested));

        ReadResult result = read(document);

        assertThat(result.errors()).isNotEmpty().extracting(ValidationError::code)
                .containsOnly(ErrorCode.SCHEMA_VIOLATION);
        assertThat(result.errors()).hasSizeLessThanOrEqualTo(ReaderLimits.MAX_ERRORS + 1)
                .anySatisfy(e -> assertThat(e.messageEn()).contains("nested deeper than"));
    }

    @Test
    void listsEverySchemaErrorWithItsElementPathInBothLanguages() {
        String document = Documents.xml(
                Documents.xmlItem("14", "IN_PROGRESS", "Текст")
                        + Documents.xmlItem("14a", "DONE", "Текст"));

        ReadResult result = read(document);

        assertThat(result.errors()).extracting(ValidationError::path).containsExactly(
                "/progressReport/items/item[2]/number", "/progressReport/items/item[2]/status");
        ValidationError status = result.errors().get(1);
        assertThat(status.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
        assertThat(status.message()).startsWith("Документ не соответствует схеме: значение не входит в список допустимых")
                .contains("DONE");
        assertThat(status.messageEn()).startsWith("The document does not match its schema: ").contains("DONE");
    }

    @Test
    void errorsBeyondTheLimitAreSummarisedNotListed() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            items.append(Documents.xmlItem("x" + i, "DONE", "Текст"));
        }

        ReadResult result = read(Documents.xml(items.toString()));

        assertThat(result.errors()).hasSize(ReaderLimits.MAX_ERRORS + 1);
        assertThat(result.errors().get(ReaderLimits.MAX_ERRORS).messageEn())
                .contains("the first " + ReaderLimits.MAX_ERRORS + " errors are listed");
    }

    @Test
    void malformedDocumentStillNamesWhatItCouldRead() {
        ReadResult result = Examples.read(Examples.INVALID.resolve("MALFORMED_XML--unclosed-tag.xml"));

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.MALFORMED_XML);
        assertThat(result.errors().get(0).path()).isEqualTo("/progressReport/items/item[1]/status");
        assertThat(result.reportId()).isEqualTo(Documents.REPORT_ID);
        assertThat(result.agency()).isEqualTo("AKIMAT-ASTANA");
        assertThat(result.year()).isEqualTo(2022);
    }

    @Test
    void schemaInvalidDocumentStillNamesReportIdAgencyAndYear() {
        ReadResult result = read(Documents.xml(Documents.xmlItem("14", "DONE", "Текст"))
                .replace(Documents.REPORT_ID, Documents.REPORT_ID.toUpperCase()));

        assertThat(result.report()).isNull();
        assertThat(result.reportId()).isEqualTo(Documents.REPORT_ID);
        assertThat(result.agency()).isEqualTo("AKIMAT-ASTANA");
        assertThat(result.year()).isEqualTo(2022);
    }

    @Test
    void anyPrefixForTheNamespaceReadsTheSame() {
        String prefixed = Documents.validXml()
                .replace("<progressReport xmlns=\"" + Documents.NS + "\">", "<pr:progressReport xmlns:pr=\"" + Documents.NS + "\">")
                .replaceAll("<(/?)(?!pr:)([a-zA-Z]+)", "<$1pr:$2");

        ReadResult result = read(prefixed);

        assertThat(result.errors()).isEmpty();
        assertThat(result.report()).isEqualTo(read(Documents.validXml()).report());
    }

    @Test
    void uppercaseReportIdIsKeptInLowerCase() {
        ReadResult result = read(Documents.validXml().replace(Documents.REPORT_ID, Documents.REPORT_ID.toUpperCase()));

        assertThat(result.report().reportId()).isEqualTo(Documents.REPORT_ID);
    }

    // ---- encodings ----

    @Test
    void honoursEveryAcceptedCyrillicEncodingItsDeclarationNames() {
        ReadResult utf8 = read(DECLARATION + Documents.validXml());
        for (String name : new String[] {"windows-1251", "KOI8-R", "ISO-8859-5", "IBM866"}) {
            String document = "<?xml version=\"1.0\" encoding=\"" + name + "\"?>\n" + Documents.validXml();

            ReadResult result = read(document, Charset.forName(name));

            assertThat(result.errors()).as(name).isEmpty();
            assertThat(result.report()).as(name).isEqualTo(utf8.report());
        }
    }

    @Test
    void readsUtf16WithByteOrderMark() {
        String document = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + Documents.validXml();

        ReadResult result = read(document, StandardCharsets.UTF_16BE);

        assertThat(result.errors()).isEmpty();
        assertThat(result.report().contact().name()).isEqualTo("Касымова Айгерим Болатовна");
    }

    @Test
    void readsUtf8WithByteOrderMark() {
        ReadResult result = read("\uFEFF" + DECLARATION + Documents.validXml());

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void refusesCyrillicBytesUnderAnAsciiDeclaration() {
        refusedAsEncodingInvalid("", "US-ASCII", StandardCharsets.UTF_8);
    }

    @Test
    void refusesAnEncodingTheJdkKnowsButTheHubDoesNotAccept() {
        ReadResult result = refusedAsEncodingInvalid("", "IBM037", StandardCharsets.US_ASCII);

        assertThat(result.errors().get(0).messageEn()).contains("IBM037");
    }

    @Test
    void refusesAByteOrderMarkThatContradictsTheDeclaration() {
        refusedAsEncodingInvalid("\uFEFF", "windows-1251", StandardCharsets.UTF_8);
    }

    @Test
    void refusesUtf16DeclaredWithoutUtf16Bytes() {
        refusedAsEncodingInvalid("", "UTF-16", StandardCharsets.UTF_8);
    }

    /**
     * The valid report under {@code prefix} and a declaration of {@code declared}, written in {@code bytes}: refused
     * with ENCODING_INVALID alone.
     */
    private static ReadResult refusedAsEncodingInvalid(String prefix, String declared, Charset bytes) {
        String document = prefix + "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>\n" + Documents.validXml();

        ReadResult result = read(document, bytes);

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.ENCODING_INVALID);
        return result;
    }
}
