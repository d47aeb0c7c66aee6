package io.cere.stack.storage.client;

import java.io.IOException;

/**
 * Bytes or a proof a node sent do not hash to what the CID says. Nothing unverified has been handed
 * out: a read stops before the segment that failed.
 */
public final class BlobVerificationException extends IOException {

    private static final long serialVersionUID = 1L;

    BlobVerificationException(String message) {
        super(message);
    }
}
