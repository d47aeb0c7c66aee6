package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loses every subset of up to m shards (data, parity and mixed) of seeded random data and checks
 * that reconstruction gives back every shard byte for byte. Exhaustive for all four schemes: 21
 * patterns for 4+2, 1,470 for 10+4, 1,350 for 17+3 and 6,195 for 16+4, with each coding loop.
 */
class ReconstructionTest {

    /** Odd, and not a multiple of any vector width, so vector loops also run their scalar tail. */
    private static final int SHARD_LENGTH = 1001;

    static Stream<Arguments> schemesAndLoops() {
        int[][] schemes = {{4, 2}, {10, 4}, {17, 3}, {16, 4}};
        return Stream.of(CodingLoop.tableLookup(), CodingLoop.fastestAvailable())
                .flatMap(loop -> Stream.of(schemes).map(s -> Arguments.of(s[0], s[1], loop)));
    }

    @ParameterizedTest(name = "{0}+{1} with {2}")
    @MethodSource("schemesAndLoops")
    void rebuildsEveryShardAfterLosingAnySubsetOfUpToParityCount(
            int dataShards, int parityShards, CodingLoop loop) {
        ReedSolomonCodec codec = ReedSolomonCodec.create(dataShards, parityShards, loop);
        int total = dataShards + parityShards;
        byte[][] original =
                ShardFixtures.randomData(
                        new Random(31L * dataShards + parityShards),
                        dataShards,
                        parityShards,
                        SHARD_LENGTH);
        codec.encode(original, 0, SHARD_LENGTH);

        long patterns = 0;
        for (int lost = 1; lost <= parityShards; lost++) {
            for (int[] missing : ShardFixtures.subsets(total, lost)) {
                byte[][] damaged = ShardFixtures.copy(original);
                for (int shard : missing) {
                    java.util.Arrays.fill(damaged[shard], (byte) 0x5A);
                }
                codec.reconstruct(
                        damaged, ShardFixtures.presentExcept(total, missing), 0, SHARD_LENGTH);
                assertThat(damaged)
                        .as(
                                "%d+%d missing %s",
                                dataShards, parityShards, java.util.Arrays.toString(missing))
                        .isDeepEqualTo(original);
                patterns++;
            }
        }

        long expected = 0;
        for (int lost = 1; lost <= parityShards; lost++) {
            expected += ShardFixtures.binomial(total, lost);
        }
        assertThat(patterns).isEqualTo(expected);
    }
}
