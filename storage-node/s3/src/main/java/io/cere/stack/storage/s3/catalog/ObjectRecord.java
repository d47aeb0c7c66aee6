package io.cere.stack.storage.s3.catalog;

import java.util.List;
import java.util.Map;

/**
 * An object as the metadata index keeps it. Its bytes are one blob ({@code cid}) when it was put in
 * one request, or the concatenation of {@code parts} when it was uploaded in parts; then {@code
 * cid} names the document that lists the parts.
 *
 * @param etag the S3 entity tag without quotes: hex MD5, or {@code <hex>-<part count>}
 * @param userMetadata {@code x-amz-meta-*} values by lower-case name without the prefix
 * @param headers the other headers S3 keeps with an object ({@code Content-Encoding}, {@code
 *     Cache-Control} ...), by lower-case name
 * @param parts empty for an object put in one request
 */
public record ObjectRecord(
        String cid,
        long size,
        String etag,
        String contentType,
        Map<String, String> userMetadata,
        Map<String, String> headers,
        long lastModifiedMillis,
        List<PartRef> parts) {

    public ObjectRecord {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public boolean multipart() {
        return !parts.isEmpty();
    }
}
