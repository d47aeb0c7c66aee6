package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.catalog.ObjectRecord;
import io.cere.stack.storage.s3.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The headers an object keeps from the request that wrote it, and the headers that describe it in
 * GetObject and HeadObject answers (where {@code response-*} query parameters of a presigned URL
 * may override some of them).
 */
final class ObjectHeaders {

    static final String CID = S3Handler.CID_HEADER;

    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    /** S3's limit on the user metadata of one object: names and values, in UTF-8 bytes. */
    static final int MAX_USER_METADATA_BYTES = 2048;

    private static final String META = "x-amz-meta-";

    /** Headers kept with the object and given back, besides Content-Type. */
    private static final List<String> KEPT =
            List.of(
                    "cache-control",
                    "content-disposition",
                    "content-encoding",
                    "content-language",
                    "expires");

    private ObjectHeaders() {}

    static String contentType(S3Request request) {
        return request.header("content-type").orElse(DEFAULT_CONTENT_TYPE);
    }

    /** The {@code x-amz-meta-*} headers by lower-case name without the prefix. */
    static Map<String, String> userMetadata(S3Request request) throws S3Exception {
        Map<String, String> metadata = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getKey().startsWith(META) && header.getKey().length() > META.length()) {
                String name = header.getKey().substring(META.length());
                String value = String.join(",", header.getValue());
                metadata.put(name, value);
                bytes +=
                        name.getBytes(StandardCharsets.UTF_8).length
                                + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > MAX_USER_METADATA_BYTES) {
            throw S3ErrorCode.METADATA_TOO_LARGE.exception(
                    "Your metadata headers are "
                            + bytes
                            + " bytes; at most "
                            + MAX_USER_METADATA_BYTES
                            + " are allowed.");
        }
        return metadata;
    }

    /** The kept headers present; {@code aws-chunked} is a transfer detail, not the object's. */
    static Map<String, String> keptHeaders(S3Request request) {
        Map<String, String> kept = new TreeMap<>();
        for (String name : KEPT) {
            request.header(name)
                    .map(
                            value ->
                                    name.equals("content-encoding")
                                            ? withoutAwsChunked(value)
                                            : value)
                    .filter(value -> !value.isEmpty())
                    .ifPresent(value -> kept.put(name, value));
        }
        return kept;
    }

    private static String withoutAwsChunked(String encoding) {
        return Arrays.stream(encoding.split(","))
                .map(String::strip)
                .filter(token -> !token.isEmpty() && !token.equalsIgnoreCase("aws-chunked"))
                .collect(Collectors.joining(","));
    }

    /** Describes {@code object} on an answer to GetObject or HeadObject. */
    static void describe(S3Response response, ObjectRecord object, S3Request request) {
        response.header(CID, object.cid())
                .header("ETag", S3Xml.quoted(object.etag()))
                .header("Last-Modified", S3Time.http(object.lastModifiedMillis()))
                .header("Accept-Ranges", "bytes")
                .header(
                        "Content-Type",
                        request.query("response-content-type").orElse(object.contentType()));
        object.headers().forEach((name, value) -> response.header(canonicalName(name), value));
        object.userMetadata().forEach((name, value) -> response.header(META + name, value));
        for (String name : KEPT) {
            request.query("response-" + name)
                    .ifPresent(value -> response.header(canonicalName(name), value));
        }
        if (object.multipart()) {
            response.header("x-amz-mp-parts-count", Integer.toString(object.parts().size()));
        }
    }

    /** {@code content-type} as {@code Content-Type}. */
    private static String canonicalName(String lowerCase) {
        StringBuilder name = new StringBuilder(lowerCase.length());
        boolean upper = true;
        for (char c : lowerCase.toCharArray()) {
            name.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return name.toString();
    }
}
