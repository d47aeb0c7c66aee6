package io.cere.stack.bench;

import io.cere.stack.storage.erasure.CodingLoop;
import io.cere.stack.storage.erasure.ReedSolomonCodec;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The storage node's Reed-Solomon codec on one thread and one 1 MiB segment, next to Hadoop's
 * pure-Java coder (RSRawEncoder/RSRawDecoder) on the same data: encode, and decode with m data
 * shards lost (the worst case: every lost shard must be computed, none is a copy).
 *
 * <p>Scores are segment bytes per microsecond, that is MB/s (one operation is one byte of the
 * segment). The codec runs with the fastest loop the fork offers (the Vector API loop: the fork is
 * started with {@code --add-modules jdk.incubator.vector}) and with the portable table-lookup loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g", "--add-modules=jdk.incubator.vector"})
public class ErasureCodingBenchmark {

    private static final int SEGMENT_BYTES = 1 << 20;

    /** Data + parity shards: the default 4+2, a wide 10+4 and a 17+3 of many small shards. */
    @Param({"4+2", "10+4", "17+3"})
    public String scheme;

    private int dataShards;
    private int parityShards;
    private int shardLength;

    private ReedSolomonCodec vectorCodec;
    private ReedSolomonCodec tableCodec;
    private byte[][] shards;
    private boolean[] present;

    private RSRawEncoder hadoopEncoder;
    private RSRawDecoder hadoopDecoder;
    private byte[][] hadoopData;
    private byte[][] hadoopParity;
    private byte[][] hadoopSurvivors;
    private int[] lostShards;
    private byte[][] hadoopRecovered;

    @Setup
    public void setUp() throws IOException {
        String[] counts = scheme.split("\\+");
        dataShards = Integer.parseInt(counts[0]);
        parityShards = Integer.parseInt(counts[1]);
        vectorCodec = ReedSolomonCodec.create(dataShards, parityShards);
        tableCodec = ReedSolomonCodec.create(dataShards, parityShards, CodingLoop.tableLookup());

        byte[] segment = new byte[SEGMENT_BYTES];
        new Random(42).nextBytes(segment);
        shards = vectorCodec.encodeSegment(segment, 0, SEGMENT_BYTES);
        shardLength = shards[0].length;
        lostShards = new int[parityShards];
        present = new boolean[dataShards + parityShards];
        Arrays.fill(present, true);
        for (int lost = 0; lost < parityShards; lost++) {
            lostShards[lost] = lost;
            present[lost] = false;
        }

        ErasureCoderOptions options = new ErasureCoderOptions(dataShards, parityShards);
        hadoopEncoder = new RSRawEncoder(options);
        hadoopDecoder = new RSRawDecoder(options);
        hadoopData = Arrays.copyOf(shards, dataShards);
        hadoopParity = new byte[parityShards][shardLength];
        hadoopEncoder.encode(hadoopData, hadoopParity);
        hadoopSurvivors = new byte[dataShards + parityShards][];
        for (int shard = parityShards; shard < dataShards; shard++) {
            hadoopSurvivors[shard] = hadoopData[shard];
        }
        System.arraycopy(hadoopParity, 0, hadoopSurvivors, dataShards, parityShards);
        hadoopRecovered = new byte[parityShards][shardLength];

        checkDecodersRecoverTheSegment(segment);
        System.out.println(
                "\n"
                        + scheme
                        + ": shards of "
                        + shardLength
                        + " bytes; codec loop "
                        + vectorCodec.implementation());
    }

    private void checkDecodersRecoverTheSegment(byte[] segment) throws IOException {
        byte[][] damaged = new byte[shards.length][];
        for (int shard = 0; shard < shards.length; shard++) {
            damaged[shard] = present[shard] ? shards[shard] : new byte[shardLength];
        }
        if (!Arrays.equals(vectorCodec.decodeSegment(damaged, present, SEGMENT_BYTES), segment)) {
            throw new IllegalStateException("codec did not recover the segment for " + scheme);
        }
        hadoopDecoder.decode(hadoopSurvivors.clone(), lostShards.clone(), hadoopRecovered);
        for (int lost = 0; lost < parityShards; lost++) {
            if (!Arrays.equals(hadoopRecovered[lost], shards[lost])) {
                throw new IllegalStateException("Hadoop did not recover shard " + lost);
            }
        }
    }

    /** Encode with the codec's fastest loop (vector). */
    @Benchmark
    @OperationsPerInvocation(SEGMENT_BYTES)
    public byte[][] encode() {
        vectorCodec.encode(shards, 0, shardLength);
        return shards;
    }

    /** Encode with the codec's table-lookup loop. */
    @Benchmark
    @OperationsPerInvocation(SEGMENT_BYTES)
    public byte[][] encodeTableLoop() {
        tableCodec.encode(shards, 0, shardLength);
        return shards;
    }

    /** Baseline: Hadoop's pure-Java RS encoder on the same data shards. */
    @Benchmark
    @OperationsPerInvocation(SEGMENT_BYTES)
    public byte[][] hadoopEncode() throws IOException {
        hadoopEncoder.encode(hadoopData, hadoopParity);
        return hadoopParity;
    }

    /** Rebuild the m lost data shards with the fastest loop, as a read of the segment does. */
    @Benchmark
    @OperationsPerInvocation(SEGMENT_BYTES)
    public byte[][] decode() {
        vectorCodec.reconstructData(shards, present, 0, shardLength);
        return shards;
    }

    /** Rebuild the m lost data shards with the table-lookup loop. */
    @Benchmark
    @OperationsPerInvocation(SEGMENT_BYTES)
    public byte[][] decodeTableLoop() {
        tableCodec.reconstructData(shards, present, 0, shardLength);
        return shards;
    }

    /** Baseline: Hadoop's pure-Java RS decoder rebuilding the same m lost data shards. */
    @Benchmark
    @OperationsPerInvocation(SEGMENT_BYTES)
    public byte[][] hadoopDecode() throws IOException {
        hadoopDecoder.decode(hadoopSurvivors, lostShards, hadoopRecovered);
        return hadoopRecovered;
    }
}
