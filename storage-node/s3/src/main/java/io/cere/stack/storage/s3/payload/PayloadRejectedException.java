package io.cere.stack.storage.s3.payload;

import io.cere.stack.storage.s3.S3Exception;
import java.io.IOException;

/**
 * A request body failed a check while it was being read (a digest, a chunk signature, its framing).
 * Thrown from the body stream so that whatever consumes it (the blob store) aborts and keeps
 * nothing; carries the S3 error to answer with.
 */
public final class PayloadRejectedException extends IOException {

    private final S3Exception rejection;

    public PayloadRejectedException(S3Exception rejection) {
        super(rejection.code().code() + ": " + rejection.getMessage(), rejection);
        this.rejection = rejection;
    }

    public S3Exception rejection() {
        return rejection;
    }
}
