package io.cere.stack.storage.s3;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * S3's bucket naming rules: 3 to 63 characters of lower-case letters, digits, dots and hyphens,
 * starting and ending with a letter or digit, no two adjacent dots, not shaped like an IP address.
 * The names of the node's own resources are reserved, so that a path-style bucket can never shadow
 * them.
 */
final class BucketName {

    /** The node's other top-level paths: {@code /cas}, {@code /health}, ... */
    static final Set<String> RESERVED = Set.of("cas", "health", "metrics", "internal");

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketName() {}

    static void validate(String name) throws S3Exception {
        String problem = problem(name);
        if (problem != null) {
            throw S3ErrorCode.INVALID_BUCKET_NAME.exception(
                    "The specified bucket is not valid: '" + name + "' " + problem + ".");
        }
    }

    private static String problem(String name) {
        if (RESERVED.contains(name)) {
            return "is reserved for the storage node's own API";
        }
        if (!SHAPE.matcher(name).matches()) {
            return "must be 3 to 63 characters of a-z 0-9 . -, starting and ending with a letter"
                    + " or digit";
        }
        if (name.contains("..")) {
            return "must not hold two adjacent dots";
        }
        if (name.contains(".-") || name.contains("-.")) {
            return "must not hold a dot next to a hyphen";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "must not be formatted as an IP address";
        }
        return null;
    }
}
