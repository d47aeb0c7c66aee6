package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.s3.backend.BucketHashConflictException;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hash algorithm each bucket addresses its blobs with: chosen when the bucket is first written
 * to (sha2-256 unless another is asked for), kept in the metadata index (namespace {@value
 * #NAMESPACE}) and fixed from then on, so a bucket's CIDs are all of one kind. Known choices are
 * cached; they never change.
 */
public final class BucketHashAlgorithms {

    public static final String NAMESPACE = "cas.bucket-hash";
    public static final HashAlgorithm DEFAULT = HashAlgorithm.SHA2_256;

    private final MetadataIndex index;
    private final Map<String, HashAlgorithm> known = new ConcurrentHashMap<>();

    public BucketHashAlgorithms(MetadataIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The bucket's algorithm; the default for a bucket never written to. */
    public HashAlgorithm algorithm(String bucket) throws IOException {
        return stored(bucket).orElse(DEFAULT);
    }

    /**
     * The bucket's algorithm, choosing {@code requested} (or the default when null) if the bucket
     * has none yet.
     *
     * @throws BucketHashConflictException when the bucket already uses another algorithm
     */
    public HashAlgorithm choose(String bucket, HashAlgorithm requested) throws IOException {
        Optional<HashAlgorithm> existing = stored(bucket);
        if (existing.isEmpty()) {
            HashAlgorithm wanted = requested != null ? requested : DEFAULT;
            index.putIfAbsent(
                    NAMESPACE, bucket, wanted.multihashName().getBytes(StandardCharsets.UTF_8));
            existing = stored(bucket);
        }
        HashAlgorithm algorithm = existing.orElse(DEFAULT);
        if (requested != null && requested != algorithm) {
            throw new BucketHashConflictException(
                    "bucket '"
                            + bucket
                            + "' addresses its blobs with "
                            + algorithm
                            + "; it cannot switch to "
                            + requested);
        }
        return algorithm;
    }

    private Optional<HashAlgorithm> stored(String bucket) throws IOException {
        HashAlgorithm cached = known.get(bucket);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> value = index.get(NAMESPACE, bucket);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        HashAlgorithm algorithm =
                HashAlgorithm.fromName(new String(value.get(), StandardCharsets.UTF_8));
        known.put(bucket, algorithm);
        return Optional.of(algorithm);
    }
}
