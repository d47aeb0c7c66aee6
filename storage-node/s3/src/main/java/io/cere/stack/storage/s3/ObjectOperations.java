package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.auth.AwsUriEncoding;
import io.cere.stack.storage.s3.auth.Hex;
import io.cere.stack.storage.s3.backend.ActivityListener.Operation;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.catalog.ObjectRecord;
import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.payload.ChecksumAlgorithm;
import io.cere.stack.storage.s3.payload.VerifiedPayload;
import io.cere.stack.storage.s3.xml.S3Xml;
import io.cere.stack.storage.s3.xml.S3XmlParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects and CopyObject. */
final class ObjectOperations {

    /** A DeleteObjects body naming 1000 keys of 1024 bytes fits. */
    private static final int MAX_DELETE_BODY = 2 * 1024 * 1024;

    private final S3Catalog catalog;
    private final BlobStore blobs;
    private final BlobWriter writer;
    private final BucketOperations buckets;
    private final S3Options options;

    ObjectOperations(
            S3Catalog catalog, BlobStore blobs, BucketOperations buckets, S3Options options) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.writer = new BlobWriter(blobs);
        this.buckets = buckets;
        this.options = options;
    }

    S3Response put(S3Request request) throws S3Exception, IOException {
        ObjectKey.validate(request.key());
        buckets.require(request.bucket());
        String contentType = ObjectHeaders.contentType(request);
        Map<String, String> metadata = ObjectHeaders.userMetadata(request);
        Map<String, String> kept = ObjectHeaders.keptHeaders(request);
        VerifiedPayload body = RequestBodies.open(request, options.maxObjectSize());
        BlobStore.StoredBlob blob = writer.store(request.bucket(), body);
        ObjectRecord object =
                new ObjectRecord(
                        blob.cid(),
                        blob.size(),
                        Hex.encode(body.md5()),
                        contentType,
                        metadata,
                        kept,
                        options.clock().millis(),
                        List.of());
        catalog.putObject(request.bucket(), request.key(), object);
        S3Response response =
                S3Response.empty(200)
                        .header("ETag", S3Xml.quoted(object.etag()))
                        .header(ObjectHeaders.CID, blob.cid())
                        .activity(
                                new S3Response.Activity(
                                        Operation.PUT, request.bucket(), blob.cid(), blob.size()));
        echoChecksum(request, response);
        return response;
    }

    S3Response get(S3Request request) throws S3Exception, IOException {
        return read(request, true);
    }

    S3Response head(S3Request request) throws S3Exception, IOException {
        return read(request, false);
    }

    private S3Response read(S3Request request, boolean withBody) throws S3Exception, IOException {
        ObjectRecord object = require(request.bucket(), request.key());
        Optional<ByteRange> range =
                ByteRange.parse(request.header("range").orElse(null), object.size());
        long offset = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(object.size());
        int status = range.isPresent() ? 206 : 200;
        S3Response response;
        if (withBody) {
            response =
                    S3Response.content(
                                    status,
                                    ObjectContent.open(
                                            blobs, request.bucket(), object, offset, length))
                            .activity(
                                    S3Response.Activity.delivered(request.bucket(), object.cid()));
        } else {
            response = S3Response.empty(status).header("Content-Length", Long.toString(length));
        }
        ObjectHeaders.describe(response, object, request);
        range.ifPresent(r -> response.header("Content-Range", r.contentRange(object.size())));
        return response;
    }

    /** Deleting a key that does not exist succeeds, as in S3. */
    S3Response delete(S3Request request) throws S3Exception, IOException {
        ObjectKey.validate(request.key());
        buckets.require(request.bucket());
        Optional<ObjectRecord> object = catalog.object(request.bucket(), request.key());
        S3Response response = S3Response.empty(204);
        if (object.isPresent() && catalog.deleteObject(request.bucket(), request.key())) {
            response.header(ObjectHeaders.CID, object.get().cid())
                    .activity(
                            new S3Response.Activity(
                                    Operation.DELETE,
                                    request.bucket(),
                                    object.get().cid(),
                                    object.get().size()));
        }
        return response;
    }

    /**
     * Deletes the keys a {@code <Delete>} document names. S3 requires Content-MD5 (or an additional
     * checksum) on this request, so a body altered in transit cannot delete other keys.
     */
    S3Response deleteObjects(S3Request request) throws S3Exception, IOException {
        buckets.require(request.bucket());
        if (!RequestBodies.hasIntegrityHeader(request)) {
            throw S3ErrorCode.INVALID_REQUEST.exception(
                    "Missing required header for this request: Content-MD5 (or an"
                            + " x-amz-checksum-* header)");
        }
        S3XmlParser.DeleteRequest delete =
                S3XmlParser.deleteRequest(RequestBodies.readSmall(request, MAX_DELETE_BODY));
        List<String> deleted = new ArrayList<>();
        List<S3Xml.DeleteFailure> failures = new ArrayList<>();
        List<S3Response.Activity> activities = new ArrayList<>();
        for (String key : delete.keys()) {
            try {
                ObjectKey.validate(key);
            } catch (S3Exception e) {
                failures.add(new S3Xml.DeleteFailure(key, e.code().code(), e.getMessage()));
                continue;
            }
            Optional<ObjectRecord> object = catalog.object(request.bucket(), key);
            if (object.isPresent() && catalog.deleteObject(request.bucket(), key)) {
                activities.add(
                        new S3Response.Activity(
                                Operation.DELETE,
                                request.bucket(),
                                object.get().cid(),
                                object.get().size()));
            }
            if (!delete.quiet()) {
                deleted.add(key);
            }
        }
        S3Response response = S3Response.xml(200, S3Xml.deleteResult(deleted, failures));
        activities.forEach(response::activity);
        return response;
    }

    /**
     * Copies an object by reference: the copy names the same blobs, so no byte moves. With {@code
     * x-amz-metadata-directive: REPLACE} the copy takes the request's metadata, otherwise the
     * source's. The ETag stays the source's.
     */
    S3Response copy(S3Request request, String copySource) throws S3Exception, IOException {
        ObjectKey.validate(request.key());
        String[] source = parseCopySource(copySource);
        ObjectRecord original = require(source[0], source[1]);
        buckets.require(request.bucket());
        String directive = request.header("x-amz-metadata-directive").orElse("COPY");
        boolean replace;
        switch (directive) {
            case "COPY" -> replace = false;
            case "REPLACE" -> replace = true;
            default ->
                    throw S3ErrorCode.INVALID_ARGUMENT.exception(
                            "Unknown metadata directive '" + directive + "'; use COPY or REPLACE.");
        }
        if (!replace && source[0].equals(request.bucket()) && source[1].equals(request.key())) {
            throw S3ErrorCode.INVALID_REQUEST.exception(
                    "This copy request is illegal because it is trying to copy an object to itself"
                            + " without changing the object's metadata, storage class, website"
                            + " redirect location or encryption attributes.");
        }
        ObjectRecord copy =
                new ObjectRecord(
                        original.cid(),
                        original.size(),
                        original.etag(),
                        replace ? ObjectHeaders.contentType(request) : original.contentType(),
                        replace ? ObjectHeaders.userMetadata(request) : original.userMetadata(),
                        replace ? ObjectHeaders.keptHeaders(request) : original.headers(),
                        options.clock().millis(),
                        original.parts());
        catalog.putObject(request.bucket(), request.key(), copy);
        return S3Response.xml(200, S3Xml.copyObjectResult(copy.etag(), copy.lastModifiedMillis()))
                .header(ObjectHeaders.CID, copy.cid())
                .activity(
                        new S3Response.Activity(
                                Operation.PUT, request.bucket(), copy.cid(), copy.size()));
    }

    /** {@code [bucket, key]} of {@code x-amz-copy-source: [/]bucket/key[?versionId=...]}. */
    private static String[] parseCopySource(String header) throws S3Exception {
        String value = header;
        int query = value.indexOf('?');
        if (query >= 0) {
            String version = value.substring(query + 1);
            value = value.substring(0, query);
            if (!version.isEmpty() && !version.equals("versionId=null")) {
                throw S3ErrorCode.NOT_IMPLEMENTED.exception(
                        "Object versions are not supported: x-amz-copy-source " + header);
            }
        }
        String decoded;
        try {
            decoded = AwsUriEncoding.decodePath(value);
        } catch (IllegalArgumentException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(
                    "x-amz-copy-source '" + header + "' is not URL-encoded correctly.");
        }
        if (decoded.startsWith("/")) {
            decoded = decoded.substring(1);
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(
                    "x-amz-copy-source '" + header + "' must be <bucket>/<key>.");
        }
        String key = decoded.substring(slash + 1);
        ObjectKey.validate(key);
        return new String[] {decoded.substring(0, slash), key};
    }

    /**
     * @throws S3Exception NoSuchKey, or NoSuchBucket when the bucket is what is missing
     */
    ObjectRecord require(String bucket, String key) throws S3Exception, IOException {
        ObjectKey.validate(key);
        Optional<ObjectRecord> object = catalog.object(bucket, key);
        if (object.isPresent()) {
            return object.get();
        }
        buckets.require(bucket);
        throw S3ErrorCode.NO_SUCH_KEY.exception("The specified key '" + key + "' does not exist.");
    }

    /** S3 answers a PUT with the additional checksum it verified. */
    private static void echoChecksum(S3Request request, S3Response response) {
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            request.header(algorithm.headerName())
                    .ifPresent(value -> response.header(algorithm.headerName(), value));
        }
    }
}
