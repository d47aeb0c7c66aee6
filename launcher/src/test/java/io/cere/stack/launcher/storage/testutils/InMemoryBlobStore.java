package io.cere.stack.launcher.storage.testutils;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs in memory under the raw sha2-256 CID of their bytes, as a node names blobs of one segment.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public StoredBlob put(String bucket, InputStream data) throws IOException {
        byte[] bytes = data.readAllBytes();
        String cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes).toString();
        blobs.put(cid, bytes);
        return new StoredBlob(cid, bytes.length);
    }

    @Override
    public InputStream open(String bucket, String cid, long offset, long length)
            throws IOException {
        byte[] bytes = bytes(cid);
        int from = (int) Math.min(offset, bytes.length);
        int to = (int) Math.min(bytes.length, from + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    @Override
    public long size(String bucket, String cid) throws IOException {
        return bytes(cid).length;
    }

    private byte[] bytes(String cid) throws BlobNotFoundException {
        byte[] bytes = blobs.get(cid);
        if (bytes == null) {
            throw new BlobNotFoundException("no blob " + cid);
        }
        return bytes;
    }
}
