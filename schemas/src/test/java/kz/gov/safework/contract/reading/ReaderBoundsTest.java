package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import org.junit.jupiter.api.Test;

/** Size limit and format detection, before any parser sees the bytes. */
class ReaderBoundsTest {
    private final DocumentReader reader = DocumentReader.progressReports();

    /** An endless JSON-looking stream that counts what is taken from it. */
    private static final class EndlessStream extends InputStream {
        long served;

        @Override
        public int read() {
            return served++ == 0 ? '{' : ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    @Test
    void refusesAnOversizeDocumentReadingOneByteMoreThanTheLimit() throws IOException {
        EndlessStream in = new EndlessStream();

        ReadResult result = reader.read(in, 64 * 1024);

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.DOCUMENT_TOO_LARGE);
        assertThat(in.served).isEqualTo(64 * 1024 + 1);
    }

    @Test
    void aDocumentExactlyAtTheLimitIsRead() throws IOException {
        byte[] bytes = Examples.bytes(Examples.VALID.resolve("03-mz-2022.xml"));

        assertThat(reader.read(new ByteArrayInputStream(bytes), bytes.length).errors()).isEmpty();
        assertThat(reader.read(new ByteArrayInputStream(bytes), bytes.length - 1).errors())
                .extracting(ValidationError::code).containsExactly(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void emptyStreamIsAnEmptyDocument() throws IOException {
        ReadResult result = reader.read(InputStream.nullInputStream(), 1024);

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.EMPTY_DOCUMENT);
        assertThat(result.format()).isEqualTo(DocumentFormat.UNKNOWN);
    }

    @Test
    void formatComesFromTheContentAfterWhiteSpace() {
        assertThat(Examples.read(Documents.utf8(" \r\n\t" + Documents.validJson())).format())
                .isEqualTo(DocumentFormat.JSON);
        ReadResult xml = Examples.read(Documents.utf8("\n  " + Documents.validXml()));
        assertThat(xml.format()).isEqualTo(DocumentFormat.XML);
        assertThat(xml.errors()).isEmpty();
    }

    @Test
    void jsonArrayIsNotAReport() {
        ReadResult result = Examples.read(Documents.utf8("[" + Documents.validJson() + "]"));

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void plainTextIsUnsupported() {
        ReadResult result = Examples.read(Documents.utf8("Отчёт о ходе реализации Плана действий за 2022 год"));

        assertThat(result.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void theFileNameDoesNotDecideTheFormat() {
        Path json = Examples.VALID.resolve("01-akimat-astana-2022.json");

        assertThat(Examples.read(Examples.bytes(json)).format()).isEqualTo(DocumentFormat.JSON);
        assertThat(Examples.read(Documents.utf8(Documents.validXml())).format()).isEqualTo(DocumentFormat.XML);
    }
}
