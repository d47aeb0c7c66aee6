package io.cere.stack.storage.erasure;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shards of seeded random bytes and the erasure patterns the tests walk through. */
final class ShardFixtures {

    private ShardFixtures() {}

    /** {@code count} shards of {@code length} random bytes. */
    static byte[][] randomShards(Random random, int count, int length) {
        byte[][] shards = new byte[count][length];
        for (byte[] shard : shards) {
            random.nextBytes(shard);
        }
        return shards;
    }

    /** Data shards of random bytes followed by zeroed parity shards, ready to encode. */
    static byte[][] randomData(Random random, int dataShards, int parityShards, int length) {
        byte[][] shards = new byte[dataShards + parityShards][length];
        for (int shard = 0; shard < dataShards; shard++) {
            random.nextBytes(shards[shard]);
        }
        return shards;
    }

    static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int shard = 0; shard < shards.length; shard++) {
            copy[shard] = shards[shard].clone();
        }
        return copy;
    }

    /** Every subset of {@code size} distinct indexes in [0, n), each ascending. */
    static List<int[]> subsets(int n, int size) {
        List<int[]> result = new ArrayList<>();
        addSubsets(n, size, 0, new int[size], 0, result);
        return result;
    }

    private static void addSubsets(
            int n, int size, int from, int[] chosen, int filled, List<int[]> result) {
        if (filled == size) {
            result.add(chosen.clone());
            return;
        }
        for (int i = from; i <= n - (size - filled); i++) {
            chosen[filled] = i;
            addSubsets(n, size, i + 1, chosen, filled + 1, result);
        }
    }

    /** Flags all {@code n} shards present except those listed. */
    static boolean[] presentExcept(int n, int[] missing) {
        boolean[] present = new boolean[n];
        java.util.Arrays.fill(present, true);
        for (int shard : missing) {
            present[shard] = false;
        }
        return present;
    }

    /** Number of ways to choose k of n. */
    static long binomial(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
