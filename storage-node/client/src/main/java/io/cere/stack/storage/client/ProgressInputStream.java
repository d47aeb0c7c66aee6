package io.cere.stack.storage.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Tells a {@link ProgressListener} of the bytes read through it: wrapped around a request body, it
 * reports how much an HTTP client has taken to send.
 */
public final class ProgressInputStream extends FilterInputStream {

    private final long total;
    private final ProgressListener listener;
    private long count;

    /**
     * @param total the bytes {@code in} will give, or -1 when not known
     */
    public ProgressInputStream(InputStream in, long total, ProgressListener listener) {
        super(Objects.requireNonNull(in, "in"));
        this.total = total;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        return skipped;
    }

    /** The bytes read (or skipped) so far. */
    public long count() {
        return count;
    }

    private void advance(int n) {
        count += n;
        listener.progress(count, total);
    }
}
