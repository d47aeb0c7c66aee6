package io.cere.stack.storage.s3;

import java.io.IOException;
import java.util.List;

/**
 * Picks the S3 operation a request names by its method, whether it addresses the service, a bucket
 * or an object, and its query (S3's subresources such as {@code ?uploads}). Subresources this API
 * does not implement are answered NotImplemented rather than mistaken for plain reads and writes.
 */
final class S3Router {

    /** S3 subresources this API does not implement. */
    static final List<String> UNSUPPORTED =
            List.of(
                    "accelerate",
                    "acl",
                    "analytics",
                    "attributes",
                    "cors",
                    "encryption",
                    "intelligent-tiering",
                    "inventory",
                    "legal-hold",
                    "lifecycle",
                    "logging",
                    "metrics",
                    "notification",
                    "object-lock",
                    "ownershipControls",
                    "policy",
                    "policyStatus",
                    "publicAccessBlock",
                    "replication",
                    "requestPayment",
                    "restore",
                    "retention",
                    "select",
                    "tagging",
                    "torrent",
                    "versioning",
                    "versionId",
                    "versions",
                    "website");

    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final ListObjectsOperation listing;
    private final MultipartUploads multipart;

    S3Router(
            BucketOperations buckets,
            ObjectOperations objects,
            ListObjectsOperation listing,
            MultipartUploads multipart) {
        this.buckets = buckets;
        this.objects = objects;
        this.listing = listing;
        this.multipart = multipart;
    }

    S3Response route(S3Request request) throws S3Exception, IOException {
        for (String subresource : UNSUPPORTED) {
            if (request.hasQuery(subresource)
                    && !(subresource.equals("versionId")
                            && request.query("versionId").orElse("").equals("null"))) {
                throw S3ErrorCode.NOT_IMPLEMENTED.exception(
                        "The '" + subresource + "' subresource is not implemented by this API.");
            }
        }
        if (request.bucket() == null) {
            return service(request);
        }
        return request.key().isEmpty() ? bucket(request) : object(request);
    }

    private S3Response service(S3Request request) throws S3Exception, IOException {
        if (request.method().equals("GET")) {
            return buckets.listBuckets(request);
        }
        throw notAllowed(request, "GET");
    }

    private S3Response bucket(S3Request request) throws S3Exception, IOException {
        switch (request.method()) {
            case "GET":
                if (request.hasQuery("location")) {
                    return buckets.location(request);
                }
                if (request.hasQuery("uploads")) {
                    throw S3ErrorCode.NOT_IMPLEMENTED.exception(
                            "ListMultipartUploads is not implemented by this API.");
                }
                return request.query("list-type").orElse("1").equals("2")
                        ? listing.listV2(request)
                        : listing.listV1(request);
            case "HEAD":
                return buckets.head(request);
            case "PUT":
                return buckets.create(request);
            case "DELETE":
                return buckets.delete(request);
            case "POST":
                if (request.hasQuery("delete")) {
                    return objects.deleteObjects(request);
                }
                throw S3ErrorCode.NOT_IMPLEMENTED.exception(
                        "POST on a bucket is implemented only for DeleteObjects (?delete).");
            default:
                throw notAllowed(request, "GET, HEAD, PUT, DELETE, POST");
        }
    }

    private S3Response object(S3Request request) throws S3Exception, IOException {
        String uploadId = request.query("uploadId").orElse(null);
        String copySource = request.header("x-amz-copy-source").orElse(null);
        switch (request.method()) {
            case "GET":
                return uploadId != null
                        ? multipart.listParts(request, uploadId)
                        : objects.get(request);
            case "HEAD":
                return objects.head(request);
            case "PUT":
                if (uploadId != null) {
                    if (copySource != null) {
                        throw S3ErrorCode.NOT_IMPLEMENTED.exception(
                                "UploadPartCopy is not implemented by this API.");
                    }
                    return multipart.uploadPart(
                            request, uploadId, request.query("partNumber").orElse(""));
                }
                return copySource != null
                        ? objects.copy(request, copySource)
                        : objects.put(request);
            case "DELETE":
                return uploadId != null
                        ? multipart.abort(request, uploadId)
                        : objects.delete(request);
            case "POST":
                if (request.hasQuery("uploads")) {
                    return multipart.create(request);
                }
                if (uploadId != null) {
                    return multipart.complete(request, uploadId);
                }
                throw S3ErrorCode.NOT_IMPLEMENTED.exception(
                        "POST on an object is implemented only for multipart uploads.");
            default:
                throw notAllowed(request, "GET, HEAD, PUT, DELETE, POST");
        }
    }

    private static S3Exception notAllowed(S3Request request, String allowed) {
        return S3ErrorCode.METHOD_NOT_ALLOWED.exception(
                "The specified method "
                        + request.method()
                        + " is not allowed against "
                        + request.resource()
                        + "; allowed: "
                        + allowed
                        + ".");
    }
}
