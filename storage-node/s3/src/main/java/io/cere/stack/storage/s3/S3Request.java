package io.cere.stack.storage.s3;

import io.cere.stack.storage.s3.auth.Authentication;
import io.cere.stack.storage.s3.auth.SignableRequest;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An authenticated S3 request: who sent it, what it addresses, its headers and query, and its still
 * unread body.
 *
 * @param bucket {@code null} for the service itself
 * @param key {@code ""} for a bucket itself
 */
record S3Request(
        String requestId,
        SignableRequest http,
        String bucket,
        String key,
        Authentication auth,
        InputStream body) {

    String method() {
        return http.method();
    }

    /** A header's first value, by lower-case name. */
    Optional<String> header(String name) {
        return http.header(name);
    }

    Map<String, List<String>> headers() {
        return http.headers();
    }

    Optional<String> query(String name) {
        return http.queryValue(name);
    }

    boolean hasQuery(String name) {
        return http.hasQuery(name);
    }

    /** The resource named in error bodies: {@code /bucket/key}. */
    String resource() {
        return resource(bucket, key);
    }

    static String resource(String bucket, String key) {
        if (bucket == null) {
            return "/";
        }
        return key == null || key.isEmpty() ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
