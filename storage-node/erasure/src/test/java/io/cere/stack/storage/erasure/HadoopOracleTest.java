package io.cere.stack.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hadoop's pure-Java Reed-Solomon coder as an independent oracle. It builds its code from a Cauchy
 * matrix, so its parity bytes differ from ours; what must agree is the round trip: for the same
 * data and every pattern of exactly m lost shards, each coder gets the original data back from its
 * own shards.
 */
class HadoopOracleTest {

    private static final int SHARD_LENGTH = 517;

    @ParameterizedTest(name = "{0}+{1}")
    @CsvSource({"4, 2", "10, 4", "17, 3", "16, 4"})
    void bothCodersRecoverTheSameDataFromTheSameLosses(int dataShards, int parityShards)
            throws IOException {
        int total = dataShards + parityShards;
        byte[][] data =
                ShardFixtures.randomShards(
                        new Random(1000L * dataShards + parityShards), dataShards, SHARD_LENGTH);

        ReedSolomonCodec codec = ReedSolomonCodec.create(dataShards, parityShards);
        byte[][] ours = new byte[total][SHARD_LENGTH];
        for (int shard = 0; shard < dataShards; shard++) {
            ours[shard] = data[shard].clone();
        }
        codec.encode(ours, 0, SHARD_LENGTH);

        ErasureCoderOptions options = new ErasureCoderOptions(dataShards, parityShards);
        byte[][] hadoopParity = new byte[parityShards][SHARD_LENGTH];
        new RSRawEncoder(options).encode(ShardFixtures.copy(data), hadoopParity);
        assertThat(hadoopParity[0])
                .as("Hadoop's Cauchy code is a different code, so an independent check")
                .isNotEqualTo(ours[dataShards]);
        byte[][] theirs = new byte[total][];
        System.arraycopy(data, 0, theirs, 0, dataShards);
        System.arraycopy(hadoopParity, 0, theirs, dataShards, parityShards);

        RSRawDecoder hadoopDecoder = new RSRawDecoder(options);
        int patterns = 0;
        for (int[] missing : ShardFixtures.subsets(total, parityShards)) {
            byte[][] ourDamaged = ShardFixtures.copy(ours);
            for (int shard : missing) {
                Arrays.fill(ourDamaged[shard], (byte) 0);
            }
            codec.reconstruct(
                    ourDamaged, ShardFixtures.presentExcept(total, missing), 0, SHARD_LENGTH);

            byte[][] hadoopInputs = ShardFixtures.copy(theirs);
            for (int shard : missing) {
                hadoopInputs[shard] = null;
            }
            byte[][] hadoopRecovered = new byte[missing.length][SHARD_LENGTH];
            hadoopDecoder.decode(hadoopInputs, missing.clone(), hadoopRecovered);

            for (int i = 0; i < missing.length; i++) {
                int shard = missing[i];
                String what = "shard " + shard + " of " + Arrays.toString(missing);
                assertThat(hadoopRecovered[i]).as("Hadoop, " + what).isEqualTo(theirs[shard]);
                assertThat(ourDamaged[shard]).as("ours, " + what).isEqualTo(ours[shard]);
                if (shard < dataShards) {
                    assertThat(ourDamaged[shard]).as(what).isEqualTo(hadoopRecovered[i]);
                }
            }
            patterns++;
        }
        assertThat(patterns).isEqualTo(ShardFixtures.binomial(total, parityShards));
    }
}
