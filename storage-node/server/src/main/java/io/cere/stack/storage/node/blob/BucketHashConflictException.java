package io.cere.stack.storage.node.blob;

import java.io.IOException;

/** A write asked for a hash algorithm other than the one its bucket already uses. */
public final class BucketHashConflictException extends IOException {

    private static final long serialVersionUID = 1L;

    public BucketHashConflictException(String message) {
        super(message);
    }
}
