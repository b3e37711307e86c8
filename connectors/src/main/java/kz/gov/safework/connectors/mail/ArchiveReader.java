package kz.gov.safework.connectors.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import kz.gov.safework.contract.validation.ErrorCode;

/**
 * Opens a {@code .zip} attachment within the mail's {@link MailBudget}. The archive is refused as a whole (one
 * ARCHIVE_REJECTED document) when it names a path leading out ({@code ..}, absolute, drive letter), contains
 * another archive, or is not a readable zip. Entries are inflated one buffer at a time and every byte is charged
 * to the mail's budget as it is read, so an archive inflating past it stops there ({@link MailBudget.Exceeded},
 * the whole mail refused). Entries that are neither {@code .xml} nor {@code .json} (a readme, a signature) are
 * read through, counted, and not kept.
 */
public final class ArchiveReader {
    /** Windows' built-in zip writes names in the OEM code page; Cyrillic there is CP866. */
    private static final Charset LEGACY_NAMES = Charset.forName("IBM866");
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    public List<MailDocument> open(String archiveName, byte[] archive, MailBudget budget) {
        long[] before = budget.mark();
        try {
            return read(archiveName, archive, StandardCharsets.UTF_8, budget);
        } catch (IllegalArgumentException malformedUtf8Name) {
            budget.reset(before); // the same entries again, named in another charset: not charged twice
            try {
                return read(archiveName, archive, LEGACY_NAMES, budget);
            } catch (Refused | IOException | IllegalArgumentException e) {
                return List.of(refuse(archiveName, archive, e.getMessage()));
            }
        } catch (Refused | IOException e) {
            return List.of(refuse(archiveName, archive, e.getMessage()));
        }
    }

    private List<MailDocument> read(String archiveName, byte[] archive, Charset names, MailBudget budget)
            throws IOException, Refused {
        List<MailDocument> documents = new ArrayList<>();
        boolean sawEntry = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), names)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                sawEntry = true;
                String name = entry.getName();
                budget.entry(name);
                if (leadsOut(name)) {
                    throw new Refused("entry '" + name + "' leads out of the archive");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (Attachments.isArchive(lower)) {
                    throw new Refused("nested archive '" + name + "'");
                }
                if (!Attachments.isDocument(lower)) {
                    budget.skip(zip);
                    continue;
                }
                byte[] bytes = budget.readAll(zip);
                if (startsWith(bytes, ZIP_MAGIC)) {
                    throw new Refused("nested archive '" + name + "'");
                }
                documents.add(MailDocument.of(Attachments.baseName(name), Attachments.contentTypeOf(lower), bytes));
            }
        } catch (ZipException e) {
            throw new Refused("not a readable zip archive: " + e.getMessage());
        }
        if (!sawEntry && !startsWith(archive, ZIP_MAGIC)) {
            throw new Refused("not a zip archive");
        }
        return documents;
    }

    static boolean leadsOut(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) {
            return true;
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static MailDocument refuse(String archiveName, byte[] archive, String reason) {
        return MailDocument.refused(archiveName, archive, ErrorCode.ARCHIVE_REJECTED, reason);
    }

    /** Why an archive is refused; thrown inside the reader only. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
