package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.catalog.BucketRecord;
import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.xml.S3Xml;
import java.io.IOException;

/** ListBuckets, CreateBucket, HeadBucket, DeleteBucket and GetBucketLocation. */
final class BucketOperations {

    /** Enough for a CreateBucketConfiguration document. */
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    private final S3Catalog catalog;
    private final S3Options options;

    BucketOperations(S3Catalog catalog, S3Options options) {
        this.catalog = catalog;
        this.options = options;
    }

    S3Response listBuckets(S3Request request) throws IOException {
        return S3Response.xml(
                200, S3Xml.listBuckets(request.auth().accessKeyId(), catalog.buckets()));
    }

    /**
     * Creates the bucket. A CreateBucketConfiguration body is read (and checked) but has nothing to
     * configure: every bucket lives in the node's one region.
     */
    S3Response create(S3Request request) throws S3Exception, IOException {
        BucketName.validate(request.bucket());
        RequestBodies.readSmall(request, MAX_CONFIGURATION_BYTES);
        BucketRecord bucket = new BucketRecord(request.bucket(), options.clock().millis());
        if (!catalog.createBucket(bucket)) {
            throw S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU.exception(
                    "Your previous request to create the bucket '"
                            + request.bucket()
                            + "' succeeded and you already own it.");
        }
        return S3Response.empty(200).header("Location", "/" + request.bucket());
    }

    S3Response head(S3Request request) throws S3Exception, IOException {
        require(request.bucket());
        return S3Response.empty(200).header("x-amz-bucket-region", options.region());
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
