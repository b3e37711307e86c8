package kz.gov.safework.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip archives the archive tests send: the mail channel's unit tests and the packaged hub's. */
public final class Zips {
    private Zips() {
    }

    /** A zip of the given entries, in order (a null value makes a directory entry). */
    public static byte[] of(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A zip of {@code entries} report-named entries ({@code report-<i>.xml}) of {@code size} zero bytes each: tiny
     * once deflated (about 512 bytes for 512 KiB), large once read.
     */
    public static byte[] ofZeros(int entries, int size) {
        Map<String, byte[]> zeros = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            zeros.put("report-" + i + ".xml", new byte[size]);
        }
        return of(zeros);
    }
}
