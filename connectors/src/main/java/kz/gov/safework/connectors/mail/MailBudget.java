package kz.gov.safework.connectors.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What is left of one mail's {@link MailLimits} while it is read. Every byte decoded or inflated and every
 * attachment or archive entry is charged as it is read, so a zip bomb stops at the limit instead of being
 * inflated into memory first; {@link Exceeded} then refuses the whole mail.
 */
final class MailBudget {
    private static final int CHUNK = 8192;

    private final MailLimits limits;
    private long bytes;
    private int entries;

    MailBudget(MailLimits limits) {
        this.limits = limits;
    }

    /** One more attachment or archive entry. */
    void entry(String name) {
        if (++entries > limits.maxEntries()) {
            throw new Exceeded("more than " + limits.maxEntries() + " attachments and archive entries (at '"
                    + Attachments.baseName(name) + "')");
        }
    }

    /** Reads a stream to its end, charging every byte, and keeps it. */
    byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) > 0) {
            charge(n);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads a stream to its end, charging every byte, and keeps nothing. */
    void skip(InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) > 0) {
            charge(n);
        }
    }

    /** Where the budget stands, to go back to when a piece is read again (an archive re-read in another charset). */
    long[] mark() {
        return new long[] {bytes, entries};
    }

    void reset(long[] mark) {
        bytes = mark[0];
        entries = (int) mark[1];
    }

    private void charge(int n) {
        bytes += n;
        if (bytes > limits.maxMailBytes()) {
            throw new Exceeded("more than " + limits.maxMailBytes() + " bytes in attachments and archive entries");
        }
    }

    /** The mail is over its limits: refused as a whole ({@code ARCHIVE_LIMIT_EXCEEDED}). */
    static final class Exceeded extends RuntimeException {
        Exceeded(String reason) {
            super(reason, null, false, false);
        }
    }
}
