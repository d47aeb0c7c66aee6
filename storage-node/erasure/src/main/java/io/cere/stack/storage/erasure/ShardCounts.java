package io.cere.stack.storage.erasure;

/** The limits on shard counts that a code over GF(2^8) can meet, checked in one place. */
final class ShardCounts {

    /** At most 256 shards: a Vandermonde matrix over GF(2^8) has no more distinct rows. */
    static final int MAX_TOTAL = GaloisField.ORDER;

    private ShardCounts() {}

    static void check(int dataShards, int parityShards) {
        if (dataShards < 1 || parityShards < 0 || (long) dataShards + parityShards > MAX_TOTAL) {
            throw new IllegalArgumentException(
                    "shard counts "
                            + dataShards
                            + "+"
                            + parityShards
                            + " are out of range: need dataShards >= 1, parityShards >= 0 and"
                            + " dataShards + parityShards <= "
                            + MAX_TOTAL);
        }
    }
}
