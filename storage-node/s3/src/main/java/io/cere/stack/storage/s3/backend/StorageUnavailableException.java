package io.cere.stack.storage.s3.backend;

import java.io.IOException;

/**
 * The cluster cannot serve the request now: too few nodes are reachable, or too few healthy shards
 * remain. Answered as 503; the caller may retry.
 */
public final class StorageUnavailableException extends IOException {
    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
