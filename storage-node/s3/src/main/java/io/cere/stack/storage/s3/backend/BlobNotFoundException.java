package io.cere.stack.storage.s3.backend;

import java.io.IOException;

/** No blob has the CID asked for. */
public final class BlobNotFoundException extends IOException {
    public BlobNotFoundException(String message) {
        super(message);
    }
}
