package io.cere.stack.storage.node.shard;

import java.io.IOException;

/** Bytes offered as a shard do not hash to the CID they were offered under; nothing was written. */
public final class ShardMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    public ShardMismatchException(String message) {
        super(message);
    }
}
