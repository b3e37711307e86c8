package kz.gov.safework.connectors.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * Opens a {@code .zip} attachment with limits. The archive is refused as a whole (one ARCHIVE_REJECTED
 * document) when it has too many entries, inflates past the byte limit, names a path leading out
 * ({@code ..}, absolute, drive letter), contains another archive, or is not a readable zip. Entries that are
 * neither {@code .xml} nor {@code .json} (a readme, a signature) are skipped.
 */
public final class ArchiveReader {
    /** Windows' built-in zip writes names in the OEM code page; Cyrillic there is CP866. */
    private static final Charset LEGACY_NAMES = Charset.forName("IBM866");
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final ArchiveLimits limits;

    public ArchiveReader(ArchiveLimits limits) {
        this.limits = limits;
    }

    public List<MailDocument> open(String archiveName, byte[] archive) {
        try {
            return read(archiveName, archive, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedUtf8Name) {
            try {
                return read(archiveName, archive, LEGACY_NAMES);
            } catch (Refused | IOException | IllegalArgumentException e) {
                return List.of(refuse(archiveName, archive, e.getMessage()));
            }
        } catch (Refused | IOException e) {
            return List.of(refuse(archiveName, archive, e.getMessage()));
        }
    }

    private List<MailDocument> read(String archiveName, byte[] archive, Charset names) throws IOException, Refused {
        List<MailDocument> documents = new ArrayList<>();
        int entries = 0;
        long total = 0;
        boolean sawEntry = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), names)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                sawEntry = true;
                if (++entries > limits.maxEntries()) {
                    throw new Refused("more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
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
                byte[] bytes = readLimited(zip, limits.maxTotalBytes() - total);
                total += bytes.length;
                if (startsWith(bytes, ZIP_MAGIC)) {
                    throw new Refused("nested archive '" + name + "'");
                }
                if (Attachments.isDocument(lower)) {
                    documents.add(MailDocument.of(Attachments.baseName(name), Attachments.contentTypeOf(lower), bytes));
                }
            }
        } catch (ZipException e) {
            throw new Refused("not a readable zip archive: " + e.getMessage());
        }
        if (!sawEntry && !startsWith(archive, ZIP_MAGIC)) {
            throw new Refused("not a zip archive");
        }
        return documents;
    }

    private byte[] readLimited(InputStream in, long budget) throws IOException, Refused {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            read += n;
            if (read > budget) {
                throw new Refused("uncompressed content exceeds " + limits.maxTotalBytes() + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
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
