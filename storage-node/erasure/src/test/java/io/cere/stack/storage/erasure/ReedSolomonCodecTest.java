package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReedSolomonCodecTest {

    static Stream<CodingLoop> loops() {
        return Stream.of(CodingLoop.tableLookup(), CodingLoop.fastestAvailable());
    }

    /** Backblaze ReedSolomonTest.testOneEncode and klauspost TestOneEncode: 5+5 on two bytes. */
    @ParameterizedTest
    @MethodSource("loops")
    void encodesBackblazeKnownAnswer(CodingLoop loop) {
        ReedSolomonCodec codec = ReedSolomonCodec.create(5, 5, loop);
        byte[][] shards = {
            {0, 1},
            {4, 5},
            {2, 3},
            {6, 7},
            {8, 9},
            new byte[2],
            new byte[2],
            new byte[2],
            new byte[2],
            new byte[2]
        };
        codec.encode(shards, 0, 2);
        assertThat(shards[5]).containsExactly(12, 13);
        assertThat(shards[6]).containsExactly(10, 11);
        assertThat(shards[7]).containsExactly(14, 15);
        assertThat(shards[8]).containsExactly(90, 91);
        assertThat(shards[9]).containsExactly(94, 95);
    }

    @Test
    void encodingMatrixIsSystematic() {
        Matrix matrix = ReedSolomonCodec.create(10, 4).encodingMatrix();
        assertThat(matrix.rows()).isEqualTo(14);
        assertThat(matrix.submatrix(0, 0, 10, 10)).isEqualTo(Matrix.identity(10));
    }

    @ParameterizedTest
    @MethodSource("loops")
    void encodesOnlyTheGivenRange(CodingLoop loop) {
        ReedSolomonCodec codec = ReedSolomonCodec.create(4, 2, loop);
        byte[][] whole = ShardFixtures.randomData(new Random(1), 4, 2, 300);
        byte[][] ranged = ShardFixtures.copy(whole);
        codec.encode(whole, 0, 300);
        ranged[4][0] = 42;
        ranged[5][299] = 43;
        codec.encode(ranged, 1, 298);
        for (int shard = 4; shard < 6; shard++) {
            for (int x = 1; x < 299; x++) {
                assertThat(ranged[shard][x]).isEqualTo(whole[shard][x]);
            }
        }
        assertThat(ranged[4][0]).isEqualTo((byte) 42);
        assertThat(ranged[5][299]).isEqualTo((byte) 43);
    }

    @Test
    void reconstructDataLeavesMissingParityAlone() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(4, 2);
        byte[][] shards = ShardFixtures.randomData(new Random(2), 4, 2, 100);
        codec.encode(shards, 0, 100);
        byte[][] damaged = ShardFixtures.copy(shards);
        damaged[1] = new byte[100];
        damaged[5] = new byte[100];
        codec.reconstructData(damaged, ShardFixtures.presentExcept(6, new int[] {1, 5}), 0, 100);
        assertThat(damaged[1]).isEqualTo(shards[1]);
        assertThat(damaged[5]).containsOnly(0);
        codec.reconstruct(damaged, ShardFixtures.presentExcept(6, new int[] {5}), 0, 100);
        assertThat(damaged[5]).isEqualTo(shards[5]);
    }

    @Test
    void codesWithoutParity() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(3, 0);
        byte[][] shards = ShardFixtures.randomData(new Random(3), 3, 0, 10);
        byte[][] before = ShardFixtures.copy(shards);
        codec.encode(shards, 0, 10);
        codec.reconstruct(shards, new boolean[] {true, true, true}, 0, 10);
        assertThat(shards).isDeepEqualTo(before);
    }

    @Test
    void codesEmptyRanges() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(2, 1);
        byte[][] shards = new byte[3][0];
        codec.encode(shards, 0, 0);
        codec.reconstruct(shards, new boolean[] {false, true, true}, 0, 0);
        assertThat(shards[0]).isEmpty();
    }

    @Test
    void acceptsTheLargestCode() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(200, 56);
        byte[][] shards = ShardFixtures.randomData(new Random(4), 200, 56, 40);
        codec.encode(shards, 0, 40);
        byte[][] damaged = ShardFixtures.copy(shards);
        int[] lost = new Random(5).ints(0, 256).distinct().limit(56).toArray();
        for (int shard : lost) {
            damaged[shard] = new byte[40];
        }
        codec.reconstruct(damaged, ShardFixtures.presentExcept(256, lost), 0, 40);
        assertThat(damaged).isDeepEqualTo(shards);
    }

    @Test
    void rejectsShardCountsOutsideTheLimits() {
        assertThatThrownBy(() -> ReedSolomonCodec.create(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0+2")
                .hasMessageContaining("dataShards >= 1");
        assertThatThrownBy(() -> ReedSolomonCodec.create(4, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4+-1")
                .hasMessageContaining("parityShards >= 0");
        assertThatThrownBy(() -> ReedSolomonCodec.create(200, 57))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200+57")
                .hasMessageContaining("<= 256");
        assertThatThrownBy(() -> ReedSolomonCodec.create(4, 2, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loop");
    }

    @Test
    void rejectsShardArraysThatDoNotFitTheCode() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(4, 2);
        assertThatThrownBy(() -> codec.encode(new byte[5][10], 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 6 shards (4 data + 2 parity), got 5");
        byte[][] oneShort = new byte[6][10];
        oneShort[3] = new byte[9];
        assertThatThrownBy(() -> codec.encode(oneShort, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard 3 has 9 bytes");
        assertThatThrownBy(() -> codec.encode(new byte[6][10], 5, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset + length = 11");
        assertThatThrownBy(() -> codec.encode(new byte[6][10], -1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset -1");
        byte[][] withNull = new byte[6][10];
        withNull[5] = null;
        assertThatThrownBy(() -> codec.encode(withNull, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard 5 is null");
    }

    @Test
    void rejectsReconstructingFromTooFewShards() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(4, 2);
        boolean[] threePresent = ShardFixtures.presentExcept(6, new int[] {0, 2, 5});
        assertThatThrownBy(() -> codec.reconstruct(new byte[6][8], threePresent, 0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only 3 of 6 shards are present; reconstruction needs at least 4");
        assertThatThrownBy(() -> codec.reconstruct(new byte[6][8], new boolean[5], 0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("present must flag all 6 shards, got 5 flags");
    }

    @Test
    void namesItsImplementation() {
        assertThat(ReedSolomonCodec.create(4, 2, CodingLoop.tableLookup()).implementation())
                .isEqualTo("table");
        assertThat(ReedSolomonCodec.create(4, 2).toString()).startsWith("ReedSolomonCodec[4+2, ");
    }
}
