package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loops against each other and against the definition (one field multiplication per byte), on
 * random matrices, odd lengths and odd offsets, for 1 to 9 outputs so that every output grouping of
 * the vector loop and its scalar tail run.
 */
class CodingLoopEquivalenceTest {

    @Test
    void everyLoopComputesTheMatrixProduct() {
        Random random = new Random(7);
        CodingLoop table = CodingLoop.tableLookup();
        CodingLoop fastest = CodingLoop.fastestAvailable();
        for (int trial = 0; trial < 300; trial++) {
            int inputCount = 1 + random.nextInt(20);
            int outputCount = 1 + random.nextInt(9);
            int offset = random.nextInt(70);
            int length = trial < 20 ? trial : random.nextInt(3000);
            int shardLength = offset + length + random.nextInt(5);
            byte[][] rows = ShardFixtures.randomShards(random, outputCount, inputCount);
            byte[][] inputs = ShardFixtures.randomShards(random, inputCount, shardLength);
            byte[][] sentinel = ShardFixtures.randomShards(random, outputCount, shardLength);

            byte[][] expected = ShardFixtures.copy(sentinel);
            multiplyByDefinition(rows, inputs, expected, offset, length);
            byte[][] fromTable = ShardFixtures.copy(sentinel);
            table.code(rows, inputs, fromTable, offset, length);
            byte[][] fromFastest = ShardFixtures.copy(sentinel);
            fastest.code(rows, inputs, fromFastest, offset, length);

            String what =
                    String.format(
                            "%d inputs, %d outputs, offset %d, length %d",
                            inputCount, outputCount, offset, length);
            assertThat(fromTable).as("table: " + what).isDeepEqualTo(expected);
            assertThat(fromFastest).as(fastest.name() + ": " + what).isDeepEqualTo(expected);
        }
    }

    private static void multiplyByDefinition(
            byte[][] rows, byte[][] inputs, byte[][] outputs, int offset, int length) {
        for (int r = 0; r < outputs.length; r++) {
            for (int x = offset; x < offset + length; x++) {
                int sum = 0;
                for (int i = 0; i < inputs.length; i++) {
                    sum ^= GaloisField.multiply(rows[r][i] & 0xFF, inputs[i][x] & 0xFF);
                }
                outputs[r][x] = (byte) sum;
            }
        }
    }
}
