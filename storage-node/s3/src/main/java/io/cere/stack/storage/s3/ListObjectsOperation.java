package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.catalog.S3Catalog;
import io.cere.stack.storage.s3.xml.S3Xml;
import java.io.IOException;

/** ListObjectsV2 and the original ListObjects, over {@link ObjectListing}. */
final class ListObjectsOperation {

    static final int MAX_KEYS = 1000;

    private final S3Catalog catalog;
    private final BucketOperations buckets;

    ListObjectsOperation(S3Catalog catalog, BucketOperations buckets) {
        this.catalog = catalog;
        this.buckets = buckets;
    }

    S3Response listV2(S3Request request) throws S3Exception, IOException {
        buckets.require(request.bucket());
        String token = request.query("continuation-token").orElse(null);
        String startAfter = request.query("start-after").orElse(null);
        String cursor = token != null ? ObjectListing.cursor(token) : orEmpty(startAfter);
        Query query = Query.of(request, catalog);
        ObjectListing.Page page = query.page(request.bucket(), cursor);
        return S3Response.xml(
                200,
                S3Xml.listObjectsV2(
                        query.listing(request.bucket(), page),
                        token,
                        page.truncated() ? ObjectListing.token(page.nextCursor()) : null,
                        startAfter));
    }

    S3Response listV1(S3Request request) throws S3Exception, IOException {
        buckets.require(request.bucket());
        Query query = Query.of(request, catalog);
        String marker = request.query("marker").orElse("");
        // NextMarker after a common prefix is the prefix: resuming there skips what it rolled up.
        boolean markerIsPrefix =
                !query.delimiter().isEmpty()
                        && marker.endsWith(query.delimiter())
                        && marker.startsWith(query.prefix());
        String cursor = markerIsPrefix ? marker + ObjectListing.PAST_PREFIX : marker;
        ObjectListing.Page page = query.page(request.bucket(), cursor);
        String nextMarker = null;
        if (page.truncated() && !query.delimiter().isEmpty()) {
            String next = page.nextCursor();
            nextMarker =
                    next.endsWith(ObjectListing.PAST_PREFIX)
                            ? next.substring(0, next.length() - ObjectListing.PAST_PREFIX.length())
                            : next;
        }
        return S3Response.xml(
                200,
                S3Xml.listObjectsV1(query.listing(request.bucket(), page), marker, nextMarker));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The parameters both versions share. */
    private record Query(
            S3Catalog catalog, String prefix, String delimiter, int maxKeys, boolean urlEncoded) {

        static Query of(S3Request request, S3Catalog catalog) throws S3Exception {
            String maxKeys = request.query("max-keys").orElse(Integer.toString(MAX_KEYS));
            int max;
            try {
                max = Integer.parseInt(maxKeys);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 0) {
                throw S3ErrorCode.INVALID_ARGUMENT.exception(
                        "max-keys must be a non-negative integer, was '" + maxKeys + "'");
            }
            String encoding = request.query("encoding-type").orElse(null);
            if (encoding != null && !encoding.equals("url")) {
                throw S3ErrorCode.INVALID_ARGUMENT.exception(
                        "Invalid Encoding Method specified in Request: '" + encoding + "'");
            }
            return new Query(
                    catalog,
                    request.query("prefix").orElse(""),
                    request.query("delimiter").orElse(""),
                    Math.min(max, MAX_KEYS),
                    encoding != null);
        }

        ObjectListing.Page page(String bucket, String cursor) throws IOException {
            return ObjectListing.list(
                    (prefix, startAfter, limit) ->
                            catalog.objects(bucket, prefix, startAfter, limit),
                    prefix,
                    delimiter,
                    cursor,
                    maxKeys);
        }

        S3Xml.Listing listing(String bucket, ObjectListing.Page page) {
            return new S3Xml.Listing(
                    bucket,
                    prefix,
                    delimiter,
                    maxKeys,
                    urlEncoded,
                    page.contents(),
                    page.commonPrefixes(),
                    page.truncated());
        }
    }
}
