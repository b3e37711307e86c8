package kz.gov.safework.connectors.mail;

import static kz.gov.safework.connectors.mail.TestMails.REPORT_XML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kz.gov.safework.contract.validation.ErrorCode;
import org.junit.jupiter.api.Test;

/** The archive rules on their own, without Camel or a mail server. */
class ArchiveReaderTest {
    private static final MailLimits LIMITS = new MailLimits(65_536, 10);
    private final ArchiveReader reader = new ArchiveReader();

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

        List<MailDocument> documents = reader.open("reports.zip", out.toByteArray(), new MailBudget(LIMITS));

        assertThat(documents).singleElement().satisfies(d -> {
            assertThat(d.adapterError()).isNull();
            assertThat(d.fileName()).isEqualTo("отчёт.xml");
            assertThat(d.bytes()).isEqualTo(REPORT_XML);
        });
    }

    @Test
    void dotsInsideANameAreNoPathLeadingOut() throws Exception {
        List<MailDocument> documents = reader.open("reports.zip",
                TestMails.zipOf(TestMails.entries("reports/v1..2/report..final.xml", REPORT_XML)), new MailBudget(LIMITS));

        assertThat(documents).singleElement().satisfies(d -> assertThat(d.fileName()).isEqualTo("report..final.xml"));
    }

    @Test
    void inflationStopsAtTheMailsByteLimitInsteadOfInflatingTheEntry() throws Exception {
        // 64 MiB of zeros deflate to about 64 KiB; the mail may take 64 KiB of inflated bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("zeros.xml"));
            byte[] mebibyte = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(mebibyte);
            }
            zip.closeEntry();
        }

        assertThatThrownBy(() -> reader.open("bomb.zip", out.toByteArray(), new MailBudget(LIMITS)))
                .isInstanceOf(MailBudget.Exceeded.class).hasMessageContaining("65536 bytes");
    }

    @Test
    void entriesThatAreNoDocumentsCountToo() throws Exception {
        Object[] eleven = new Object[22];
        for (int i = 0; i < 11; i++) {
            eleven[2 * i] = "scan-" + i + ".pdf";
            eleven[2 * i + 1] = new byte[] {'%', 'P', 'D', 'F'};
        }
        byte[] archive = TestMails.zipOf(TestMails.entries(eleven));

        assertThatThrownBy(() -> reader.open("scans.zip", archive, new MailBudget(LIMITS)))
                .isInstanceOf(MailBudget.Exceeded.class).hasMessageContaining("more than 10");
    }

    @Test
    void oneBudgetCoversEveryArchiveOfAMail() throws Exception {
        MailBudget budget = new MailBudget(LIMITS);
        byte[] archive = TestMails.zipOf(TestMails.entries("a.xml", new byte[40_000]));

        assertThat(reader.open("one.zip", archive, budget)).singleElement();
        assertThatThrownBy(() -> reader.open("two.zip", archive, budget)).isInstanceOf(MailBudget.Exceeded.class);
    }

    private void assertRejected(byte[] archive) {
        assertThat(reader.open("reports.zip", archive, new MailBudget(LIMITS))).singleElement().satisfies(d -> {
            assertThat(d.adapterError()).isEqualTo(ErrorCode.ARCHIVE_REJECTED);
            assertThat(d.bytes()).isEqualTo(archive);
        });
    }
}
