package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * An upload's file channel that refuses to grow past {@code hub.sftp.max-file-size}: a write that would pass it
 * fails, so the client's upload fails at once and no more than the limit ever reaches the disk. The file is then
 * marked over the limit (one byte at offset {@code maxSize}, the gap left sparse), so the intake sees a file larger
 * than the limit, answers DOCUMENT_TOO_LARGE without reading it, and removes it.
 */
record SizeLimitedChannel(SeekableByteChannel delegate, long maxSize) implements SeekableByteChannel {

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (delegate.position() + src.remaining() > maxSize) {
            markOversized();
            throw new IOException("file larger than the drop box's limit of " + maxSize + " bytes");
        }
        return delegate.write(src);
    }

    private void markOversized() throws IOException {
        if (delegate.size() <= maxSize) {
            delegate.position(maxSize);
            delegate.write(ByteBuffer.wrap(new byte[] { 0 }));
        }
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
