package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.TestMails.REPORT_XML;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kz.gov.safework.contract.validation.ErrorCode;
import org.junit.jupiter.api.Test;

/** The archive rules on their own, without Camel or a mail server. */
class ArchiveReaderTest {
    private final ArchiveReader reader = new ArchiveReader(new ArchiveLimits(10, 65_536));

    @Test
    void windowsBackslashPathLeadingOutIsRejected() throws Exception {
        assertRejected(TestMails.zipOf(TestMails.entries("..\\..\\report.xml", REPORT_XML)));
    }

    @Test
    void driveLetterPathIsRejected() throws Exception {
        assertRejected(TestMails.zipOf(TestMails.entries("C:/reports/report.xml", REPORT_XML)));
    }

    @Test
    void cyrillicNamesFromWindowsBuiltInZipAreReadInCp866() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Charset.forName("IBM866"))) {
            zip.putNextEntry(new ZipEntry("отчёт.xml"));
            zip.write(REPORT_XML);
            zip.closeEntry();
        }

        List<MailDocument> documents = reader.open("reports.zip", out.toByteArray());

        assertThat(documents).singleElement().satisfies(d -> {
            assertThat(d.adapterError()).isNull();
            assertThat(d.fileName()).isEqualTo("отчёт.xml");
            assertThat(d.bytes()).isEqualTo(REPORT_XML);
        });
    }

    @Test
    void dotsInsideANameAreNoPathLeadingOut() throws Exception {
        List<MailDocument> documents = reader.open("reports.zip",
                TestMails.zipOf(TestMails.entries("reports/v1..2/report..final.xml", REPORT_XML)));

        assertThat(documents).singleElement().satisfies(d -> assertThat(d.fileName()).isEqualTo("report..final.xml"));
    }

    private void assertRejected(byte[] archive) {
        assertThat(reader.open("reports.zip", archive)).singleElement().satisfies(d -> {
            assertThat(d.adapterError()).isEqualTo(ErrorCode.ARCHIVE_REJECTED);
            assertThat(d.bytes()).isEqualTo(archive);
        });
    }
}
