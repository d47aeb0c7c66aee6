package io.cere.stack.storage.s3.backend;

import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed blobs as the storage node keeps them. The S3 API stores object bodies and
 * multipart parts here and keeps everything else in a {@link MetadataIndex}. Implementations are
 * thread-safe.
 *
 * <p>CIDs are passed in their string form (CIDv1, multibase base32, {@code b...}).
 */
public interface BlobStore {

    /**
     * Stores the bytes of {@code data} (read to its end, not closed) durably and returns their CID,
     * computed with the bucket's hash algorithm. Nothing is visible under the CID until every byte
     * of it is durable.
     *
     * @throws StorageUnavailableException when the cluster cannot store it now (too few nodes)
     */
    StoredBlob put(String bucket, InputStream data) throws IOException;

    /**
     * Chooses the hash algorithm that new blobs in {@code bucket} are addressed with, if the bucket
     * has none yet, and returns the bucket's algorithm. A bucket's algorithm never changes once
     * chosen; a bucket whose first blob is stored without a choice gets sha2-256.
     *
     * @throws BucketHashConflictException when the bucket already uses another algorithm
     */
    HashAlgorithm chooseHashAlgorithm(String bucket, HashAlgorithm algorithm) throws IOException;

    /**
     * Stores {@code block}, a structured document in the format {@code codec} names (not raw; for
     * example DAG-CBOR), and returns its CID: the hash of its bytes, with the bucket's hash
     * algorithm, under {@code codec}, as IPFS addresses a block. It reads back like any blob.
     *
     * @throws IllegalArgumentException when {@code codec} is raw or the block is empty or larger
     *     than a few MiB
     * @throws StorageUnavailableException when the cluster cannot store it now (too few nodes)
     */
    StoredBlob putBlock(String bucket, Multicodec codec, byte[] block) throws IOException;

    /**
     * Opens {@code length} bytes of the blob starting at {@code offset}. Every byte returned has
     * been checked against the CID; a mismatch is never returned.
     *
     * @throws BlobNotFoundException when no blob has this CID
     * @throws StorageUnavailableException when too few healthy shards are reachable to read it
     */
    InputStream open(String bucket, String cid, long offset, long length) throws IOException;

    /**
     * The blob's size in bytes.
     *
     * @throws BlobNotFoundException when no blob has this CID
     */
    long size(String bucket, String cid) throws IOException;

    /** A stored blob: its CID and size in bytes. */
    record StoredBlob(String cid, long size) {}
}
