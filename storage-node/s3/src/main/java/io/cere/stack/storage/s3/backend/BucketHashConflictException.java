package io.cere.stack.storage.s3.backend;

import java.io.IOException;

/**
 * A write or a bucket's creation asked for a hash algorithm other than the one the bucket already
 * addresses its blobs with.
 */
public final class BucketHashConflictException extends IOException {

    private static final long serialVersionUID = 1L;

    public BucketHashConflictException(String message) {
        super(message);
    }
}
