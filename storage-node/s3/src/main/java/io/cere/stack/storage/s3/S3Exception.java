package io.cere.stack.storage.s3;

import java.util.Objects;

/**
 * A request the S3 API refuses: answered with the code's HTTP status and an S3 XML error body.
 * Nothing the request would have written has become visible when this is thrown.
 */
public final class S3Exception extends Exception {

    private final S3ErrorCode code;

    public S3Exception(S3ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public S3ErrorCode code() {
        return code;
    }
}
