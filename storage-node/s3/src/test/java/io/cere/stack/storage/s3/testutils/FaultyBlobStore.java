package io.cere.stack.storage.s3.testutils;

import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link BlobStore} that fails on demand, for tests of how the S3 API answers a cluster that
 * cannot serve: unavailable for every call, or a read that breaks off after some bytes.
 */
public final class FaultyBlobStore implements BlobStore {

    private final BlobStore delegate;
    private volatile boolean unavailable;
    private volatile long breakReadsAfter = -1;

    public FaultyBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    /** Every call throws {@link StorageUnavailableException} until set back. */
    public void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** Reads opened from now on fail after {@code bytes} bytes; -1 for never. */
    public void breakReadsAfter(long bytes) {
        this.breakReadsAfter = bytes;
    }

    @Override
    public StoredBlob put(String bucket, InputStream data) throws IOException {
        check();
        return delegate.put(bucket, data);
    }

    @Override
    public HashAlgorithm chooseHashAlgorithm(String bucket, HashAlgorithm algorithm)
            throws IOException {
        check();
        return delegate.chooseHashAlgorithm(bucket, algorithm);
    }

    @Override
    public StoredBlob putBlock(String bucket, Multicodec codec, byte[] block) throws IOException {
        check();
        return delegate.putBlock(bucket, codec, block);
    }

    @Override
    public InputStream open(String bucket, String cid, long offset, long length)
            throws IOException {
        check();
        InputStream in = delegate.open(bucket, cid, offset, length);
        long limit = breakReadsAfter;
        if (limit < 0) {
            return in;
        }
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (read >= limit) {
                    throw new StorageUnavailableException("shards lost while reading " + cid);
                }
                int n = super.read(buffer, off, (int) Math.min(len, limit - read));
                if (n > 0) {
                    read += n;
                }
                return n;
            }
        };
    }

    @Override
    public long size(String bucket, String cid) throws IOException {
        check();
        return delegate.size(bucket, cid);
    }

    private void check() throws StorageUnavailableException {
        if (unavailable) {
            throw new StorageUnavailableException("too few nodes reachable (test)");
        }
    }
}
