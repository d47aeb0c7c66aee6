package io.cere.stack.storage.s3.catalog;

import java.util.Map;

/**
 * A multipart upload in progress, with what CreateMultipartUpload said the object will carry.
 *
 * @param userMetadata as in {@link ObjectRecord#userMetadata()}
 * @param headers as in {@link ObjectRecord#headers()}
 */
public record UploadRecord(
        String uploadId,
        String bucket,
        String key,
        long initiatedMillis,
        String contentType,
        Map<String, String> userMetadata,
        Map<String, String> headers) {

    public UploadRecord {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
