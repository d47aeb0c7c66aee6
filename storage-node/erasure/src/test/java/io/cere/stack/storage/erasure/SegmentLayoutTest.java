package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentLayoutTest {

    @Test
    void shardLengthIsTheCeilingOfSegmentLengthOverDataShards() {
        assertThat(SegmentLayout.shardLength(0, 4)).isZero();
        assertThat(SegmentLayout.shardLength(1, 4)).isEqualTo(1);
        assertThat(SegmentLayout.shardLength(4, 4)).isEqualTo(1);
        assertThat(SegmentLayout.shardLength(5, 4)).isEqualTo(2);
        assertThat(SegmentLayout.shardLength(1 << 20, 10)).isEqualTo(104_858);
        assertThat(SegmentLayout.shardLength(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(SegmentLayout.shardLength(Integer.MAX_VALUE, 2)).isEqualTo(1 << 30);
    }

    @Test
    void splitsIntoConsecutiveZeroPaddedPiecesAndJoinsBack() {
        Random random = new Random(5);
        for (int length : new int[] {0, 1, 9, 10, 11, 4096, 1_000_003}) {
            SegmentLayout layout = new SegmentLayout(10, 4, length);
            byte[] source = new byte[length + 6];
            random.nextBytes(source);
            byte[][] shards = layout.split(source, 3);

            assertThat(shards).hasNumberOfRows(14);
            for (byte[] shard : shards) {
                assertThat(shard).hasSize(layout.shardLength());
            }
            if (length > 0) {
                int lastPiece = length - 9 * layout.shardLength();
                assertThat(shards[0][0]).isEqualTo(source[3]);
                int padding = layout.shardLength() - Math.max(0, lastPiece);
                assertThat(
                                Arrays.copyOfRange(
                                        shards[9], Math.max(0, lastPiece), layout.shardLength()))
                        .isEqualTo(new byte[padding]);
            }
            for (int parity = 10; parity < 14; parity++) {
                assertThat(shards[parity]).isEqualTo(new byte[layout.shardLength()]);
            }
            byte[] joined = new byte[length + 2];
            layout.join(shards, joined, 1);
            assertThat(Arrays.copyOfRange(joined, 1, length + 1))
                    .isEqualTo(Arrays.copyOfRange(source, 3, length + 3));
        }
    }

    @Test
    void codecCodesOneMebibyteSegmentsThroughTheLayout() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(10, 4);
        byte[] segment = new byte[(1 << 20) + 7];
        new Random(6).nextBytes(segment);
        byte[][] shards = codec.encodeSegment(segment, 0, segment.length);
        int shardLength = (segment.length + 9) / 10;
        assertThat(shards[0]).hasSize(shardLength);

        int[] lost = {0, 1, 2, 3};
        for (int shard : lost) {
            shards[shard] = new byte[shardLength];
        }
        byte[] decoded =
                codec.decodeSegment(shards, ShardFixtures.presentExcept(14, lost), segment.length);
        assertThat(decoded).isEqualTo(segment);
    }

    @Test
    void rejectsBadLayoutsAndShards() {
        assertThatThrownBy(() -> new SegmentLayout(4, 2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentLength must be >= 0, got -1");
        assertThatThrownBy(() -> new SegmentLayout(0, 2, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0+2");
        SegmentLayout layout = new SegmentLayout(4, 2, 10);
        assertThatThrownBy(() -> layout.split(new byte[9], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        byte[][] shards = layout.split(new byte[10], 0);
        shards[2] = new byte[2];
        assertThatThrownBy(() -> layout.join(shards))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data shard 2 must hold 3 bytes, got 2");
        ReedSolomonCodec codec = ReedSolomonCodec.create(4, 2);
        assertThatThrownBy(() -> codec.decodeSegment(new byte[6][4], new boolean[6], 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard 0 has 4 bytes, a segment of 10 bytes has shards of 3");
    }
}
