package io.cere.stack.storage.s3;

import java.nio.charset.StandardCharsets;

/**
 * The rules an object key must meet here: at most 1024 bytes of UTF-8 (as S3), no NUL, and no
 * {@code ..} path segment, so that no key can be read as a path that climbs out of its bucket by
 * anything that maps keys onto paths.
 */
final class ObjectKey {

    static final int MAX_BYTES = 1024;

    private ObjectKey() {}

    static void validate(String key) throws S3Exception {
        if (key.isEmpty()) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("The object key must not be empty.");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw S3ErrorCode.KEY_TOO_LONG.exception(
                    "Your key is too long: "
                            + bytes
                            + " bytes of UTF-8; at most "
                            + MAX_BYTES
                            + " are allowed.");
        }
        if (key.indexOf('\0') >= 0) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception(
                    "The object key must not contain a NUL character.");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                throw S3ErrorCode.INVALID_ARGUMENT.exception(
                        "The object key must not contain a '..' path segment: " + key);
            }
        }
    }
}
