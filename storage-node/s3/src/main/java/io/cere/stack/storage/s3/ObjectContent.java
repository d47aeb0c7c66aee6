package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.catalog.ObjectRecord;
import io.cere.stack.storage.s3.catalog.PartRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte range of an object, read from its blob or, for a multipart object, from the blobs of the
 * parts it spans. The first blob is opened before the answer's headers are sent, so that a missing
 * blob or an unavailable cluster is still answered with an error status.
 */
final class ObjectContent {

    private final BlobStore blobs;
    private final String bucket;
    private final List<Slice> slices;
    private final long length;
    private InputStream first;

    /** {@code length} bytes of one blob from {@code offset}. */
    private record Slice(String cid, long offset, long length) {}

    private ObjectContent(BlobStore blobs, String bucket, List<Slice> slices, long length) {
        this.blobs = blobs;
        this.bucket = bucket;
        this.slices = slices;
        this.length = length;
    }

    static ObjectContent open(
            BlobStore blobs, String bucket, ObjectRecord object, long offset, long length)
            throws IOException {
        List<PartRef> parts =
                object.multipart()
                        ? object.parts()
                        : List.of(new PartRef(object.cid(), object.size()));
        List<Slice> slices = new ArrayList<>();
        long partStart = 0;
        long end = offset + length;
        for (PartRef part : parts) {
            long partEnd = partStart + part.size();
            long from = Math.max(offset, partStart);
            long to = Math.min(end, partEnd);
            if (from < to) {
                slices.add(new Slice(part.cid(), from - partStart, to - from));
            }
            partStart = partEnd;
        }
        ObjectContent content = new ObjectContent(blobs, bucket, slices, length);
        if (!slices.isEmpty()) {
            Slice slice = slices.get(0);
            content.first = blobs.open(bucket, slice.cid(), slice.offset(), slice.length());
        }
        return content;
    }

    long length() {
        return length;
    }

    /**
     * Copies the range to {@code out}.
     *
     * @return the bytes written (fewer than {@link #length()} only when this throws)
     * @throws IOException when a blob cannot be read or ends early; the answer is then incomplete
     *     and the connection must be dropped
     */
    long writeTo(OutputStream out, LongCounter written) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < slices.size(); i++) {
            Slice slice = slices.get(i);
            InputStream in =
                    i == 0
                            ? first
                            : blobs.open(bucket, slice.cid(), slice.offset(), slice.length());
            first = null;
            try (in) {
                long remaining = slice.length();
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new IOException(
                                "blob "
                                        + slice.cid()
                                        + " ended "
                                        + remaining
                                        + " bytes before the "
                                        + slice.length()
                                        + " asked for");
                    }
                    out.write(buffer, 0, n);
                    remaining -= n;
                    written.add(n);
                }
            }
        }
        return written.value();
    }

    /** Releases the first blob when the content is not sent after all. */
    void close() throws IOException {
        if (first != null) {
            first.close();
            first = null;
        }
    }

    /** Counts bytes as they are written, so a failed answer still reports what went out. */
    static final class LongCounter {
        private long value;

        void add(long n) {
            value += n;
        }

        long value() {
            return value;
        }
    }
}
