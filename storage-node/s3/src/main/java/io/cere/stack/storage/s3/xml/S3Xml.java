package io.cere.stack.storage.s3.xml;

import io.cere.stack.storage.s3.S3Time;
import io.cere.stack.storage.s3.auth.AwsUriEncoding;
import io.cere.stack.storage.s3.catalog.BucketRecord;
import io.cere.stack.storage.s3.catalog.ListedObject;
import io.cere.stack.storage.s3.catalog.PartRecord;
import java.util.List;

/** The XML documents S3 answers with, element for element as S3 writes them. */
public final class S3Xml {

    private S3Xml() {}

    /** The body of an error answer. */
    public static byte[] error(String code, String message, String resource, String requestId) {
        return new XmlWriter()
                .start("Error")
                .element("Code", code)
                .element("Message", message)
                .element("Resource", resource)
                .element("RequestId", requestId)
                .end()
                .toBytes();
    }

    public static byte[] listBuckets(String ownerId, List<BucketRecord> buckets) {
        XmlWriter xml = new XmlWriter().root("ListAllMyBucketsResult");
        owner(xml, ownerId);
        xml.start("Buckets");
        for (BucketRecord bucket : buckets) {
            xml.start("Bucket")
                    .element("Name", bucket.name())
                    .element("CreationDate", S3Time.iso(bucket.createdMillis()))
                    .end();
        }
        return xml.end().end().toBytes();
    }

    /** GetBucketLocation's answer; S3 writes its default region as an empty constraint. */
    public static byte[] location(String region) {
        XmlWriter xml = new XmlWriter().root("LocationConstraint");
        if (!region.equals("us-east-1")) {
            xml.text(region);
        }
        return xml.end().toBytes();
    }

    /**
     * A ListObjectsV2 answer, or with {@code v1} a ListObjects (version 1) answer, which names its
     * cursor Marker/NextMarker instead of StartAfter/ContinuationToken.
     *
     * @param urlEncoded whether the client asked for {@code encoding-type=url}: keys and prefixes
     *     are then URI-encoded, so that any key survives XML
     */
    public record Listing(
            String bucket,
            String prefix,
            String delimiter,
            int maxKeys,
            boolean urlEncoded,
            List<ListedObject> contents,
            List<String> commonPrefixes,
            boolean truncated) {}

    public static byte[] listObjectsV2(
            Listing listing,
            String continuationToken,
            String nextContinuationToken,
            String startAfter) {
        XmlWriter xml = new XmlWriter().root("ListBucketResult");
        listingHead(xml, listing);
        xml.element("KeyCount", listing.contents().size() + listing.commonPrefixes().size())
                .element("ContinuationToken", continuationToken)
                .element("NextContinuationToken", nextContinuationToken)
                .element("StartAfter", encoded(listing, startAfter));
        listingBody(xml, listing);
        return xml.end().toBytes();
    }

    public static byte[] listObjectsV1(Listing listing, String marker, String nextMarker) {
        XmlWriter xml = new XmlWriter().root("ListBucketResult");
        listingHead(xml, listing);
        xml.element("Marker", encoded(listing, marker == null ? "" : marker))
                .element("NextMarker", encoded(listing, nextMarker));
        listingBody(xml, listing);
        return xml.end().toBytes();
    }

    private static void listingHead(XmlWriter xml, Listing listing) {
        xml.element("Name", listing.bucket())
                .element("Prefix", encoded(listing, listing.prefix()))
                .element("Delimiter", encoded(listing, emptyToNull(listing.delimiter())))
                .element("MaxKeys", listing.maxKeys())
                .element("EncodingType", listing.urlEncoded() ? "url" : null)
                .element("IsTruncated", listing.truncated());
    }

    private static void listingBody(XmlWriter xml, Listing listing) {
        for (ListedObject object : listing.contents()) {
            xml.start("Contents")
                    .element("Key", encoded(listing, object.key()))
                    .element("LastModified", S3Time.iso(object.record().lastModifiedMillis()))
                    .element("ETag", quoted(object.record().etag()))
                    .element("Size", object.record().size())
                    .element("StorageClass", "STANDARD")
                    .end();
        }
        for (String prefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encoded(listing, prefix)).end();
        }
    }

    public static byte[] initiateMultipartUpload(String bucket, String key, String uploadId) {
        return new XmlWriter()
                .root("InitiateMultipartUploadResult")
                .element("Bucket", bucket)
                .element("Key", key)
                .element("UploadId", uploadId)
                .end()
                .toBytes();
    }

    public static byte[] completeMultipartUpload(
            String location, String bucket, String key, String etag) {
        return new XmlWriter()
                .root("CompleteMultipartUploadResult")
                .element("Location", location)
                .element("Bucket", bucket)
                .element("Key", key)
                .element("ETag", quoted(etag))
                .end()
                .toBytes();
    }

    /** A page of ListParts. */
    public record PartListing(
            String bucket,
            String key,
            String uploadId,
            String ownerId,
            int partNumberMarker,
            int maxParts,
            List<PartRecord> parts,
            boolean truncated) {}

    public static byte[] listParts(PartListing listing) {
        XmlWriter xml =
                new XmlWriter()
                        .root("ListPartsResult")
                        .element("Bucket", listing.bucket())
                        .element("Key", listing.key())
                        .element("UploadId", listing.uploadId());
        xml.start("Initiator")
                .element("ID", listing.ownerId())
                .element("DisplayName", listing.ownerId())
                .end();
        owner(xml, listing.ownerId());
        xml.element("StorageClass", "STANDARD")
                .element("PartNumberMarker", listing.partNumberMarker())
                .element(
                        "NextPartNumberMarker",
                        listing.parts().isEmpty()
                                ? listing.partNumberMarker()
                                : listing.parts().get(listing.parts().size() - 1).partNumber())
                .element("MaxParts", listing.maxParts())
                .element("IsTruncated", listing.truncated());
        for (PartRecord part : listing.parts()) {
            xml.start("Part")
                    .element("PartNumber", part.partNumber())
                    .element("LastModified", S3Time.iso(part.lastModifiedMillis()))
                    .element("ETag", quoted(part.etag()))
                    .element("Size", part.size())
                    .end();
        }
        return xml.end().toBytes();
    }

    public static byte[] copyObjectResult(String etag, long lastModifiedMillis) {
        return new XmlWriter()
                .root("CopyObjectResult")
                .element("LastModified", S3Time.iso(lastModifiedMillis))
                .element("ETag", quoted(etag))
                .end()
                .toBytes();
    }

    /** One key DeleteObjects could not delete. */
    public record DeleteFailure(String key, String code, String message) {}

    public static byte[] deleteResult(List<String> deleted, List<DeleteFailure> failures) {
        XmlWriter xml = new XmlWriter().root("DeleteResult");
        for (String key : deleted) {
            xml.start("Deleted").element("Key", key).end();
        }
        for (DeleteFailure failure : failures) {
            xml.start("Error")
                    .element("Key", failure.key())
                    .element("Code", failure.code())
                    .element("Message", failure.message())
                    .end();
        }
        return xml.end().toBytes();
    }

    /** An ETag as S3 writes it, in double quotes. */
    public static String quoted(String etag) {
        return '"' + etag + '"';
    }

    private static void owner(XmlWriter xml, String ownerId) {
        xml.start("Owner").element("ID", ownerId).element("DisplayName", ownerId).end();
    }

    private static String encoded(Listing listing, String value) {
        return value == null || !listing.urlEncoded() ? value : AwsUriEncoding.encode(value, true);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
