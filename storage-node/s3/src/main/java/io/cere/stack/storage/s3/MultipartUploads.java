package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.auth.Hex;
import io.cere.stack.storage.s3.backend.ActivityListener.Operation;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.catalog.ObjectRecord;
import io.cere.stack.storage.s3.catalog.PartRecord;
import io.cere.stack.storage.s3.catalog.PartRef;
import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.catalog.UploadRecord;
import io.cere.stack.storage.s3.payload.VerifiedPayload;
import io.cere.stack.storage.s3.xml.S3Xml;
import io.cere.stack.storage.s3.xml.S3XmlParser;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multipart upload: CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
 * AbortMultipartUpload and ListParts. Parts are blobs; an upload and its parts are records until
 * completion turns them into one object record (and abort or completion drops them).
 */
final class MultipartUploads {

    static final int MAX_PART_NUMBER = 10_000;
    static final int MAX_PARTS_LISTED = 1000;

    /** A CompleteMultipartUpload body listing 10000 parts fits. */
    private static final int MAX_COMPLETE_BODY = 2 * 1024 * 1024;

    private final S3Catalog catalog;
    private final BlobStore blobs;
    private final BlobWriter writer;
    private final BucketOperations buckets;
    private final S3Options options;
    private final SecureRandom random = new SecureRandom();

    MultipartUploads(
            S3Catalog catalog, BlobStore blobs, BucketOperations buckets, S3Options options) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.writer = new BlobWriter(blobs);
        this.buckets = buckets;
        this.options = options;
    }

    S3Response create(S3Request request) throws S3Exception, IOException {
        ObjectKey.validate(request.key());
        buckets.require(request.bucket());
        byte[] id = new byte[24];
        random.nextBytes(id);
        UploadRecord upload =
                new UploadRecord(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                        request.bucket(),
                        request.key(),
                        options.clock().millis(),
                        ObjectHeaders.contentType(request),
                        ObjectHeaders.userMetadata(request),
                        ObjectHeaders.keptHeaders(request));
        catalog.putUpload(upload);
        return S3Response.xml(
                200,
                S3Xml.initiateMultipartUpload(request.bucket(), request.key(), upload.uploadId()));
    }

    S3Response uploadPart(S3Request request, String uploadId, String partNumberText)
            throws S3Exception, IOException {
        int partNumber = partNumber(partNumberText);
        require(request, uploadId);
        VerifiedPayload body = RequestBodies.open(request, options.maxPartSize());
        BlobStore.StoredBlob blob = writer.store(request.bucket(), body);
        PartRecord part =
                new PartRecord(
                        partNumber,
                        blob.cid(),
                        blob.size(),
                        Hex.encode(body.md5()),
                        options.clock().millis());
        catalog.putPart(request.bucket(), uploadId, part);
        return S3Response.empty(200)
                .header("ETag", S3Xml.quoted(part.etag()))
                .header(ObjectHeaders.CID, blob.cid())
                .activity(
                        new S3Response.Activity(
                                Operation.PUT, request.bucket(), blob.cid(), blob.size()));
    }

    /**
     * Assembles the listed parts into the object, with S3's rules: part numbers ascending, every
     * listed part uploaded with the listed ETag, every part but the last at least {@link
     * S3Options#MIN_PART_SIZE}. The ETag is the MD5 of the parts' binary MD5s, then {@code
     * -<count>}. The parts' bytes were stored and reported when uploaded, so completion reports the
     * object with 0 bytes.
     */
    S3Response complete(S3Request request, String uploadId) throws S3Exception, IOException {
        UploadRecord upload = require(request, uploadId);
        List<S3XmlParser.CompletedPart> listed =
                S3XmlParser.completedParts(RequestBodies.readSmall(request, MAX_COMPLETE_BODY));
        Map<Integer, PartRecord> uploaded = new TreeMap<>();
        for (PartRecord part : catalog.parts(request.bucket(), uploadId, 0, MAX_PART_NUMBER)) {
            uploaded.put(part.partNumber(), part);
        }
        List<PartRecord> chosen = new ArrayList<>(listed.size());
        int previous = 0;
        for (S3XmlParser.CompletedPart claimed : listed) {
            if (claimed.partNumber() <= previous) {
                throw S3ErrorCode.INVALID_PART_ORDER.exception(
                        "The list of parts was not in ascending order: part "
                                + claimed.partNumber()
                                + " follows part "
                                + previous
                                + ".");
            }
            previous = claimed.partNumber();
            PartRecord part = uploaded.get(claimed.partNumber());
            if (part == null || !part.etag().equalsIgnoreCase(claimed.etag())) {
                throw S3ErrorCode.INVALID_PART.exception(
                        "Part "
                                + claimed.partNumber()
                                + (part == null
                                        ? " has not been uploaded."
                                        : " has ETag \""
                                                + part.etag()
                                                + "\", not \""
                                                + claimed.etag()
                                                + "\"."));
            }
            chosen.add(part);
        }
        List<PartRef> parts = new ArrayList<>(chosen.size());
        MessageDigest md5s = Hex.newMd5();
        long size = 0;
        for (int i = 0; i < chosen.size(); i++) {
            PartRecord part = chosen.get(i);
            if (i < chosen.size() - 1 && part.size() < S3Options.MIN_PART_SIZE) {
                throw S3ErrorCode.ENTITY_TOO_SMALL.exception(
                        "Part "
                                + part.partNumber()
                                + " is "
                                + part.size()
                                + " bytes; every part but the last must be at least "
                                + S3Options.MIN_PART_SIZE
                                + " bytes.");
            }
            md5s.update(HexFormat.of().parseHex(part.etag()));
            size += part.size();
            parts.add(new PartRef(part.cid(), part.size()));
        }
        if (size > options.maxObjectSize()) {
            throw S3ErrorCode.ENTITY_TOO_LARGE.exception(
                    "The parts add up to "
                            + size
                            + " bytes, more than the maximum object size of "
                            + options.maxObjectSize()
                            + " bytes.");
        }
        String etag = Hex.encode(md5s.digest()) + "-" + parts.size();
        String cid = MultipartObjectCid.of(blobs, request.bucket(), parts);
        ObjectRecord object =
                new ObjectRecord(
                        cid,
                        size,
                        etag,
                        upload.contentType(),
                        upload.userMetadata(),
                        upload.headers(),
                        options.clock().millis(),
                        parts);
        catalog.putObject(request.bucket(), request.key(), object);
        catalog.deleteUpload(request.bucket(), uploadId);
        return S3Response.xml(
                        200,
                        S3Xml.completeMultipartUpload(
                                request.resource(), request.bucket(), request.key(), etag))
                .header(ObjectHeaders.CID, cid)
                .activity(new S3Response.Activity(Operation.PUT, request.bucket(), cid, 0));
    }

    /** Drops the upload; each uploaded part is reported as released. */
    S3Response abort(S3Request request, String uploadId) throws S3Exception, IOException {
        require(request, uploadId);
        List<PartRecord> parts = catalog.parts(request.bucket(), uploadId, 0, MAX_PART_NUMBER);
        catalog.deleteUpload(request.bucket(), uploadId);
        S3Response response = S3Response.empty(204);
        for (PartRecord part : parts) {
            response.activity(
                    new S3Response.Activity(
                            Operation.DELETE, request.bucket(), part.cid(), part.size()));
        }
        return response;
    }

    S3Response listParts(S3Request request, String uploadId) throws S3Exception, IOException {
        require(request, uploadId);
        int maxParts = boundedInt(request, "max-parts", MAX_PARTS_LISTED, MAX_PARTS_LISTED);
        int marker = boundedInt(request, "part-number-marker", 0, MAX_PART_NUMBER);
        List<PartRecord> parts = catalog.parts(request.bucket(), uploadId, marker, maxParts + 1);
        boolean truncated = parts.size() > maxParts;
        if (truncated) {
            parts = parts.subList(0, maxParts);
        }
        return S3Response.xml(
                200,
                S3Xml.listParts(
                        new S3Xml.PartListing(
                                request.bucket(),
                                request.key(),
                                uploadId,
                                request.auth().accessKeyId(),
                                marker,
                                maxParts,
                                parts,
                                truncated)));
    }

    private UploadRecord require(S3Request request, String uploadId)
            throws S3Exception, IOException {
        ObjectKey.validate(request.key());
        buckets.require(request.bucket());
        return catalog.upload(request.bucket(), uploadId)
                .filter(upload -> upload.key().equals(request.key()))
                .orElseThrow(
                        () ->
                                S3ErrorCode.NO_SUCH_UPLOAD.exception(
                                        "The multipart upload '"
                                                + uploadId
                                                + "' of "
                                                + request.resource()
                                                + " does not exist. It may have been aborted or"
                                                + " completed."));
    }

    private static int partNumber(String text) throws S3Exception {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= MAX_PART_NUMBER) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw S3ErrorCode.INVALID_ARGUMENT.exception(
                "Part number must be an integer between 1 and "
                        + MAX_PART_NUMBER
                        + ", inclusive; was '"
                        + text
                        + "'");
    }

    private static int boundedInt(S3Request request, String name, int absent, int max)
            throws S3Exception {
        String text = request.query(name).orElse(null);
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return Math.min(value, max);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw S3ErrorCode.INVALID_ARGUMENT.exception(
                name + " must be a non-negative integer, was '" + text + "'");
    }
}
