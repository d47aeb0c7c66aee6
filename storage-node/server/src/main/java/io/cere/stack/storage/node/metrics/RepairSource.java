package io.cere.stack.storage.node.metrics;

import java.util.Locale;

/** What found a shard that had to be rebuilt. */
public enum RepairSource {
    /** A read that found the shard missing or corrupt on its node. */
    READ,
    /** The background scrubber, rehashing local shards. */
    SCRUB;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
