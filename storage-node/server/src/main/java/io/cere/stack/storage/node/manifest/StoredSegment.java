package io.cere.stack.storage.node.manifest;

import io.cere.stack.storage.cas.Cid;
import java.util.List;
import java.util.Objects;

/**
 * How one segment of an object is stored: its CID and length, the length of each of its shards (the
 * segment cut into {@code k} equal parts, the last zero-padded, plus {@code m} parity shards), each
 * shard's CID and the node it was written to, in shard order.
 */
public record StoredSegment(
        Cid cid, int length, int shardLength, List<Cid> shards, List<String> nodes) {

    public StoredSegment {
        Objects.requireNonNull(cid, "cid");
        shards = List.copyOf(shards);
        nodes = List.copyOf(nodes);
        if (length < 0) {
            throw new IllegalArgumentException("segment length is " + length + "; expected >= 0");
        }
        if (shards.size() != nodes.size()) {
            throw new IllegalArgumentException(
                    "segment "
                            + cid
                            + " lists "
                            + shards.size()
                            + " shards but "
                            + nodes.size()
                            + " nodes; expected one node per shard");
        }
    }

    /** The shard length for a segment of {@code length} bytes cut into {@code k} data shards. */
    public static int shardLength(int length, int k) {
        return (length + k - 1) / k;
    }
}
