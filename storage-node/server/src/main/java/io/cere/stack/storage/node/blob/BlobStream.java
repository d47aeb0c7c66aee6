package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.peer.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A byte range of an object, read segment by segment: only the segments the range overlaps are
 * read, each checked against its CID before any of its bytes are returned. The first segment is
 * read when the stream is opened, so a read that cannot be served fails before a response is
 * started; while one segment is consumed the next one is fetched.
 *
 * <p>If a later segment cannot be read, {@link #read} throws: the caller must then abort the
 * response rather than end it normally, so the client sees a truncated transfer, never wrong bytes.
 */
final class BlobStream extends InputStream {

    /** Reads one verified segment. */
    @FunctionalInterface
    interface SegmentSource {
        byte[] read(Manifest manifest, int index) throws IOException;
    }

    private final Manifest manifest;
    private final SegmentSource source;
    private final Executor prefetchThreads;
    private final long end;
    private long position;
    private int segmentIndex;
    private byte[] segment;
    private CompletableFuture<byte[]> next;
    private boolean closed;

    BlobStream(
            Manifest manifest,
            long offset,
            long length,
            SegmentSource source,
            Executor prefetchThreads)
            throws IOException {
        this.manifest = manifest;
        this.source = source;
        this.prefetchThreads = prefetchThreads;
        this.position = offset;
        this.end = offset + length;
        if (length > 0) {
            segmentIndex = manifest.segmentAt(offset);
            segment = source.read(manifest, segmentIndex);
            prefetch(segmentIndex + 1);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        long segmentStart = manifest.segmentOffset(segmentIndex);
        if (position >= segmentStart + segment.length) {
            advance();
            segmentStart = manifest.segmentOffset(segmentIndex);
        }
        int inSegment = (int) (position - segmentStart);
        int count = (int) Math.min(length, Math.min(segment.length - inSegment, end - position));
        System.arraycopy(segment, inSegment, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        byte[] scratch = new byte[8192];
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() {
        if (closed || segment == null || position >= end) {
            return 0;
        }
        long inSegment = manifest.segmentOffset(segmentIndex) + segment.length - position;
        return (int) Math.max(0, Math.min(inSegment, end - position));
    }

    @Override
    public void close() {
        closed = true;
        segment = null;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void advance() throws IOException {
        segmentIndex++;
        CompletableFuture<byte[]> fetched = next;
        next = null;
        segment = fetched != null ? Cluster.await(fetched) : source.read(manifest, segmentIndex);
        prefetch(segmentIndex + 1);
    }

    private void prefetch(int index) {
        if (index < manifest.segments().size() && manifest.segmentOffset(index) < end) {
            next =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return source.read(manifest, index);
                                } catch (IOException e) {
                                    throw new CompletionException(e);
                                }
                            },
                            prefetchThreads);
        }
    }
}
