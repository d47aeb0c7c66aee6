package io.cere.stack.storage.erasure;

import java.util.Arrays;

/**
 * How to rebuild the shards missing from one erasure pattern: which present shards to read (the
 * first k), which shards to write, and the coefficient row for each written shard.
 *
 * <p>A row for a lost data shard is the matching row of the inverse of the encoding matrix
 * restricted to the inputs; a row for a lost parity shard is that shard's encoding row times the
 * same inverse, so data and parity are rebuilt from the same inputs in one pass.
 *
 * @param inputShards indexes of the k shards read, ascending
 * @param missingShards indexes of the shards rebuilt, ascending (lost data shards come first)
 * @param rows one coefficient row per missing shard, one column per input shard
 * @param missingDataShards how many of {@code missingShards} are data shards
 */
record RecoveryPlan(int[] inputShards, int[] missingShards, byte[][] rows, int missingDataShards) {

    static RecoveryPlan of(Matrix encodingMatrix, boolean[] present) {
        int dataShards = encodingMatrix.columns();
        int[] inputs = new int[dataShards];
        int[] missing = new int[present.length];
        int inputCount = 0;
        int missingCount = 0;
        int missingData = 0;
        for (int shard = 0; shard < present.length; shard++) {
            if (!present[shard]) {
                missing[missingCount++] = shard;
                missingData += shard < dataShards ? 1 : 0;
            } else if (inputCount < dataShards) {
                inputs[inputCount++] = shard;
            }
        }
        missing = Arrays.copyOf(missing, missingCount);
        Matrix decode = encodingMatrix.selectRows(inputs).invert();
        Matrix recovery = encodingMatrix.selectRows(missing).times(decode);
        byte[][] rows = new byte[missingCount][];
        for (int r = 0; r < missingCount; r++) {
            rows[r] = recovery.row(r);
        }
        return new RecoveryPlan(inputs, missing, rows, missingData);
    }
}
