package io.cere.stack.storage.s3;

import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.BucketHashConflictException;
import io.cere.stack.storage.s3.catalog.BucketRecord;
import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.xml.S3Xml;
import java.io.IOException;
import java.util.Optional;

/** ListBuckets, CreateBucket, HeadBucket, DeleteBucket and GetBucketLocation. */
final class BucketOperations {

    /** Enough for a CreateBucketConfiguration document. */
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    /**
     * The request header that chooses the hash algorithm of a new bucket's CIDs: {@code sha2-256}
     * (the default) or {@code blake3}. Not an S3 header; S3 clients send it as a custom header.
     */
    static final String HASH_HEADER = "x-cere-hash";

    private final S3Catalog catalog;
    private final BlobStore blobs;
    private final S3Options options;

    BucketOperations(S3Catalog catalog, BlobStore blobs, S3Options options) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.options = options;
    }

    S3Response listBuckets(S3Request request) throws IOException {
        return S3Response.xml(
                200, S3Xml.listBuckets(request.auth().accessKeyId(), catalog.buckets()));
    }

    /**
     * Creates the bucket, addressing its blobs with the hash algorithm {@value #HASH_HEADER} names
     * (sha2-256 without it). A CreateBucketConfiguration body is read (and checked) but has nothing
     * to configure: every bucket lives in the node's one region.
     */
    S3Response create(S3Request request) throws S3Exception, IOException {
        BucketName.validate(request.bucket());
        RequestBodies.readSmall(request, MAX_CONFIGURATION_BYTES);
        HashAlgorithm requested = requestedHash(request);
        if (catalog.bucket(request.bucket()).isPresent()) {
            throw alreadyOwned(request.bucket());
        }
        HashAlgorithm hash;
        try {
            hash = blobs.chooseHashAlgorithm(request.bucket(), requested);
        } catch (BucketHashConflictException e) {
            throw S3ErrorCode.BUCKET_HASH_CONFLICT.exception(e.getMessage());
        }
        BucketRecord bucket = new BucketRecord(request.bucket(), options.clock().millis());
        if (!catalog.createBucket(bucket)) {
            throw alreadyOwned(request.bucket());
        }
        return S3Response.empty(200)
                .header("Location", "/" + request.bucket())
                .header(HASH_HEADER, hash.multihashName());
    }

    /** Answers with the bucket's hash algorithm in {@value #HASH_HEADER}. */
    S3Response head(S3Request request) throws S3Exception, IOException {
        require(request.bucket());
        return S3Response.empty(200)
                .header("x-amz-bucket-region", options.region())
                .header(
                        HASH_HEADER,
                        blobs.chooseHashAlgorithm(request.bucket(), null).multihashName());
    }

    private static HashAlgorithm requestedHash(S3Request request) throws S3Exception {
        Optional<String> value = request.header(HASH_HEADER);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return HashAlgorithm.fromName(value.get().trim());
        } catch (IllegalArgumentException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(HASH_HEADER + ": " + e.getMessage());
        }
    }

    private static S3Exception alreadyOwned(String bucket) {
        return S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU.exception(
                "Your previous request to create the bucket '"
                        + bucket
                        + "' succeeded and you already own it.");
    }

    S3Response location(S3Request request) throws S3Exception, IOException {
        require(request.bucket());
        return S3Response.xml(200, S3Xml.location(options.region()));
    }

    S3Response delete(S3Request request) throws S3Exception, IOException {
        require(request.bucket());
        if (catalog.hasObjects(request.bucket())) {
            throw S3ErrorCode.BUCKET_NOT_EMPTY.exception(
                    "The bucket '" + request.bucket() + "' you tried to delete is not empty.");
        }
        catalog.deleteBucket(request.bucket());
        return S3Response.empty(204);
    }

    /**
     * @throws S3Exception NoSuchBucket
     */
    BucketRecord require(String bucket) throws S3Exception, IOException {
        return catalog.bucket(bucket)
                .orElseThrow(
                        () ->
                                S3ErrorCode.NO_SUCH_BUCKET.exception(
                                        "The specified bucket '" + bucket + "' does not exist."));
    }
}
