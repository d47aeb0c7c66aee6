package io.cere.stack.storage.node.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.erasure.CodingLoop;
import io.cere.stack.storage.erasure.ReedSolomonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthRoutedCodingLoopTest {

    private static final int THRESHOLD = 1024;

    @Test
    void codesRangesShorterThanTheThresholdWithTheShortLoopAndTheRestWithTheLongOne() {
        RecordingLoop shortLoop = new RecordingLoop("short");
        RecordingLoop longLoop = new RecordingLoop("long");
        ReedSolomonCodec codec =
                ReedSolomonCodec.create(
                        4, 2, new LengthRoutedCodingLoop(shortLoop, longLoop, THRESHOLD));

        codec.encodeSegment(new byte[4 * (THRESHOLD - 1)], 0, 4 * (THRESHOLD - 1));
        codec.encodeSegment(new byte[4 * THRESHOLD], 0, 4 * THRESHOLD);

        assertThat(shortLoop.lengths).containsExactly(THRESHOLD - 1);
        assertThat(longLoop.lengths).containsExactly(THRESHOLD);
    }

    @Test
    void encodesAndRebuildsLikeTheTableLoopOnBothSidesOfTheThreshold() {
        CodingLoop routed =
                new LengthRoutedCodingLoop(
                        CodingLoop.tableLookup(), CodingLoop.fastestAvailable(), THRESHOLD);
        ReedSolomonCodec withRouting = ReedSolomonCodec.create(4, 2, routed);
        ReedSolomonCodec withTable = ReedSolomonCodec.create(4, 2, CodingLoop.tableLookup());
        Random random = new Random(7);
        for (int segmentLength : new int[] {4 * THRESHOLD - 5, 4 * THRESHOLD, 16 * THRESHOLD}) {
            byte[] segment = new byte[segmentLength];
            random.nextBytes(segment);
            byte[][] shards = withRouting.encodeSegment(segment, 0, segmentLength);
            assertThat(shards).isDeepEqualTo(withTable.encodeSegment(segment, 0, segmentLength));

            boolean[] present = {false, true, false, true, true, true};
            shards[0] = new byte[shards[0].length];
            shards[2] = new byte[shards[2].length];
            assertThat(withRouting.decodeSegment(shards, present, segmentLength))
                    .isEqualTo(segment);
        }
    }

    @Test
    void forThisJvmCodesCorrectly() {
        ReedSolomonCodec codec = ReedSolomonCodec.create(4, 2, LengthRoutedCodingLoop.forThisJvm());
        byte[] segment = new byte[300_000];
        new Random(11).nextBytes(segment);
        byte[][] shards = codec.encodeSegment(segment, 0, segment.length);
        boolean[] present = {true, false, true, true, false, true};
        shards[1] = new byte[shards[1].length];

        assertThat(codec.decodeSegment(shards, present, segment.length)).isEqualTo(segment);
    }

    @Test
    void rejectsAThresholdBelowOneByte() {
        assertThatThrownBy(
                        () ->
                                new LengthRoutedCodingLoop(
                                        CodingLoop.tableLookup(), CodingLoop.tableLookup(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longMinLength is 0")
                .hasMessageContaining("at least 1");
    }

    /** The table loop, noting the length of every range it codes. */
    private static final class RecordingLoop implements CodingLoop {
        private final String name;
        private final CodingLoop table = CodingLoop.tableLookup();
        private final List<Integer> lengths = new ArrayList<>();

        RecordingLoop(String name) {
            this.name = name;
        }

        @Override
        public void code(
                byte[][] matrixRows, byte[][] inputs, byte[][] outputs, int offset, int length) {
            lengths.add(length);
            table.code(matrixRows, inputs, outputs, offset, length);
        }

        @Override
        public String name() {
            return name;
        }
    }
}
