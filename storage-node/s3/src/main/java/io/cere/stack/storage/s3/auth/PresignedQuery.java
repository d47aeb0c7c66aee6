package io.cere.stack.storage.s3.auth;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import java.util.List;

/**
 * The {@code X-Amz-*} parameters of a presigned URL.
 *
 * @param expiresSeconds how long after {@code timestamp} the URL is valid, at most a week
 */
public record PresignedQuery(
        SignedCredential credential,
        String timestamp,
        long expiresSeconds,
        List<String> signedHeaders,
        String signature) {

    public static final String SIGNATURE = "X-Amz-Signature";

    /** A week: the longest validity S3 allows a presigned URL. */
    public static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

    /** Whether the request carries query authentication at all. */
    static boolean present(SignableRequest request) {
        return request.hasQuery("X-Amz-Algorithm")
                || request.hasQuery("X-Amz-Credential")
                || request.hasQuery(SIGNATURE);
    }

    static PresignedQuery parse(SignableRequest request) throws S3Exception {
        String algorithm = request.queryValue("X-Amz-Algorithm").orElse(null);
        String credential = request.queryValue("X-Amz-Credential").orElse(null);
        String timestamp = request.queryValue("X-Amz-Date").orElse(null);
        String expires = request.queryValue("X-Amz-Expires").orElse(null);
        String signedHeaders = request.queryValue("X-Amz-SignedHeaders").orElse(null);
        String signature = request.queryValue(SIGNATURE).orElse(null);
        if (algorithm == null
                || credential == null
                || timestamp == null
                || expires == null
                || signedHeaders == null
                || signature == null) {
            throw error(
                    "Query-string authentication version 4 requires the X-Amz-Algorithm,"
                            + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders,"
                            + " and X-Amz-Expires parameters.");
        }
        if (!algorithm.equals(AuthorizationHeader.ALGORITHM)) {
            throw error("X-Amz-Algorithm only supports \"" + AuthorizationHeader.ALGORITHM + "\".");
        }
        SignedCredential parsed = SignedCredential.parse(credential);
        if (parsed == null) {
            throw error("Error parsing the X-Amz-Credential parameter '" + credential + "'.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw error("X-Amz-Expires should be a number, was '" + expires + "'.");
        }
        if (seconds < 0) {
            throw error("X-Amz-Expires must be non-negative, was " + seconds + ".");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw error(
                    "X-Amz-Expires must be less than a week (in seconds) that is "
                            + MAX_EXPIRES_SECONDS
                            + ", was "
                            + seconds
                            + ".");
        }
        return new PresignedQuery(
                parsed, timestamp, seconds, List.of(signedHeaders.split(";")), signature);
    }

    private static S3Exception error(String message) {
        return S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception(message);
    }
}
