package io.cere.stack.storage.s3.auth;

import io.cere.stack.storage.s3.S3ErrorCode;
import io.cere.stack.storage.s3.S3Exception;
import java.util.List;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header.
 *
 * @param signedHeaders lower-case header names, in the order the client listed them
 */
public record AuthorizationHeader(
        SignedCredential credential, List<String> signedHeaders, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    public static AuthorizationHeader parse(String header) throws S3Exception {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw S3ErrorCode.INVALID_REQUEST.exception(
                    "The authorization mechanism you have provided is not supported. Please use "
                            + ALGORITHM
                            + ".");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String field : header.substring(ALGORITHM.length() + 1).split(",")) {
            String trimmed = field.strip();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw malformed("'" + trimmed + "' is not name=value");
            }
            String name = trimmed.substring(0, equals);
            String value = trimmed.substring(equals + 1);
            switch (name) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> throw malformed("unknown field '" + name + "'");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("Credential, SignedHeaders and Signature are all required");
        }
        SignedCredential parsed = SignedCredential.parse(credential);
        if (parsed == null) {
            throw malformed(
                    "Credential '"
                            + credential
                            + "' is not <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request");
        }
        return new AuthorizationHeader(parsed, List.of(signedHeaders.split(";")), signature);
    }

    private static S3Exception malformed(String detail) {
        return S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception(
                "The authorization header is malformed: " + detail + ".");
    }
}
