package io.cere.stack.storage.client;

import io.cere.stack.storage.cas.Cid;
import java.util.Objects;

/**
 * A blob the cluster has made durable: every shard and its manifest are on disk on distinct nodes.
 *
 * @param bucket the bucket it was put in (which chose its hash algorithm)
 * @param cid its content address; any bucket reads it back under this CID
 * @param size its length in bytes
 */
public record StoredBlob(String bucket, Cid cid, long size) {

    public StoredBlob {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(cid, "cid");
    }
}
