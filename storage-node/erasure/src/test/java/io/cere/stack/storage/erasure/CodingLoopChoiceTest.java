package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Runs twice: with the vector module (the usual test JVM) and without it (a second surefire
 * execution), as a storage node started with or without {@code --add-modules jdk.incubator.vector}
 * would.
 */
class CodingLoopChoiceTest {

    private static boolean vectorModuleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void picksTheVectorLoopExactlyWhenTheModuleIsLoaded() {
        String implementation = ReedSolomonCodec.create(10, 4).implementation();
        if (vectorModuleLoaded()) {
            assertThat(implementation).startsWith("vector-");
        } else {
            assertThat(implementation).isEqualTo("table");
        }
    }

    @Test
    void theChosenLoopCodesSegmentsEitherWay() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(10, 4);
        byte[] segment = new byte[100_003];
        new Random(11).nextBytes(segment);
        byte[][] shards = codec.encodeSegment(segment, 0, segment.length);
        boolean[] present = ShardFixtures.presentExcept(14, new int[] {0, 3, 7, 9});
        for (int shard = 0; shard < 14; shard++) {
            if (!present[shard]) {
                shards[shard] = new byte[shards[shard].length];
            }
        }
        assertThat(codec.decodeSegment(shards, present, segment.length)).isEqualTo(segment);
    }

    @Test
    void readsCpuFlagsFromCpuinfo() {
        assertThat(
                        CpuFeatures.parse(
                                java.util.List.of(
                                        "processor\t: 0",
                                        "flags\t\t: fpu sse2 ssse3 avx2 avx512bw",
                                        "flags\t\t: other")))
                .containsExactlyInAnyOrder("fpu", "sse2", "ssse3", "avx2", "avx512bw");
        assertThat(CpuFeatures.parse(java.util.List.of("Features\t: neon asimd"))).isEmpty();
    }
}
