package kz.gov.safework.hub;

import java.io.InputStream;
import java.util.Arrays;

/** {@code length} copies of one byte, made as they are read: a huge message body that is never held in memory. */
final class RepeatedByteStream extends InputStream {
    private final byte value;
    private long left;

    RepeatedByteStream(char value, long length) {
        this.value = (byte) value;
        this.left = length;
    }

    @Override
    public int read() {
        if (left <= 0) {
            return -1;
        }
        left--;
        return value;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, value);
        left -= n;
        return n;
    }
}
