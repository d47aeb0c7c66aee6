package io.cere.stack.storage.node.manifest;

import java.io.IOException;

/**
 * Bytes offered or found as a manifest are not one, or are one that does not describe the object it
 * is stored under; such a manifest is never used to serve a read.
 */
public final class InvalidManifestException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidManifestException(String message) {
        super(message);
    }

    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
