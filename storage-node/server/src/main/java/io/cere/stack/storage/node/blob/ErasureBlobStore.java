package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.InvalidCidException;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.BucketHashConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The cluster's blobs, erasure-coded over its nodes ({@link BlobWriter}, {@link SegmentReader}),
 * served through any node. Blobs are content-addressed, so the bucket only decides the hash
 * algorithm a new blob is addressed with ({@link BucketHashAlgorithms}); a blob is readable by its
 * CID through any bucket.
 */
public final class ErasureBlobStore implements BlobStore {

    private final BlobWriter writer;
    private final SegmentReader reader;
    private final ManifestLocator manifests;
    private final BucketHashAlgorithms buckets;
    private final NodeMetrics metrics;
    private final Executor prefetchThreads;

    /**
     * @param k data shards per segment for new blobs
     * @param m parity shards per segment for new blobs; also how many nodes may be lost, which sets
     *     the number of manifest copies ({@code m + 1})
     * @param backgroundThreads runs read repairs and fetches the next segment of a read
     */
    public ErasureBlobStore(
            Cluster cluster,
            int k,
            int m,
            int segmentSize,
            ErasureCodes codes,
            BucketHashAlgorithms buckets,
            NodeMetrics metrics,
            Executor backgroundThreads) {
        this.writer = new BlobWriter(cluster, codes, k, m, segmentSize);
        this.reader = new SegmentReader(cluster, codes, metrics, backgroundThreads);
        this.manifests = new ManifestLocator(cluster, m);
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.prefetchThreads = Objects.requireNonNull(backgroundThreads, "backgroundThreads");
    }

    @Override
    public StoredBlob put(String bucket, InputStream data) throws IOException {
        return put(bucket, null, data);
    }

    /**
     * Stores a blob in {@code bucket}, choosing {@code algorithm} for the bucket if it has none yet
     * (null: the bucket's algorithm, sha2-256 for a new bucket).
     *
     * @throws BucketHashConflictException when the bucket uses another algorithm
     */
    public StoredBlob put(String bucket, HashAlgorithm algorithm, InputStream data)
            throws IOException {
        requireBucket(bucket);
        HashAlgorithm chosen = buckets.choose(bucket, algorithm);
        Manifest manifest = writer.write(chosen, data);
        metrics.blobBytesWritten(manifest.size());
        return new StoredBlob(manifest.object().toString(), manifest.size());
    }

    @Override
    public HashAlgorithm chooseHashAlgorithm(String bucket, HashAlgorithm algorithm)
            throws IOException {
        requireBucket(bucket);
        return buckets.choose(bucket, algorithm);
    }

    @Override
    public StoredBlob putBlock(String bucket, Multicodec format, byte[] block) throws IOException {
        requireBucket(bucket);
        Manifest manifest = writer.writeBlock(buckets.choose(bucket, null), format, block);
        metrics.blobBytesWritten(manifest.size());
        return new StoredBlob(manifest.object().toString(), manifest.size());
    }

    /**
     * @throws IllegalArgumentException when the range is not within the blob
     */
    @Override
    public InputStream open(String bucket, String cid, long offset, long length)
            throws IOException {
        Manifest manifest = manifest(cid);
        if (offset < 0 || length < 0 || offset > manifest.size() - length) {
            throw new IllegalArgumentException(
                    String.format(
                            "range of %d bytes at offset %d is outside blob %s of %d bytes",
                            length, offset, cid, manifest.size()));
        }
        return new BlobStream(manifest, offset, length, reader::read, prefetchThreads);
    }

    @Override
    public long size(String bucket, String cid) throws IOException {
        return manifest(cid).size();
    }

    /**
     * The blob's manifest, checked against its CID.
     *
     * @throws BlobNotFoundException when there is no such blob, or {@code cid} is not a CID
     */
    public Manifest manifest(String cid) throws IOException {
        Cid parsed;
        try {
            parsed = Cid.parse(cid);
        } catch (InvalidCidException e) {
            throw new BlobNotFoundException(e.getMessage());
        }
        return manifests.find(parsed);
    }

    private static void requireBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket is empty; expected a bucket name");
        }
    }
}
