package io.cere.stack.storage.erasure;

/**
 * A systematic Reed-Solomon code over GF(2^8) with k data shards and m parity shards: any k of the
 * k + m shards rebuild all the others.
 *
 * <p>The encoding matrix is the (k + m) x k Vandermonde matrix times the inverse of its top k x k
 * square, so its top is the identity (data shards are stored as they are) and every k of its rows
 * are independent. It is the construction of Backblaze's JavaReedSolomon and klauspost/reedsolomon,
 * whose parity bytes this codec reproduces.
 *
 * <p>Thread-safe: a codec holds only its matrices and a small cache of recovery plans, so one
 * instance per scheme can serve all requests.
 */
public final class ReedSolomonCodec {

    /** Distinct erasure patterns whose recovery matrices are kept. */
    private static final int RECOVERY_PLAN_CACHE_SIZE = 64;

    private final int dataShards;
    private final int parityShards;
    private final Matrix encodingMatrix;
    private final byte[][] parityRows;
    private final CodingLoop loop;
    private final RecoveryPlanCache recoveryPlans;

    private ReedSolomonCodec(int dataShards, int parityShards, CodingLoop loop) {
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.loop = loop;
        int totalShards = dataShards + parityShards;
        Matrix vandermonde = Matrix.vandermonde(totalShards, dataShards);
        Matrix top = vandermonde.submatrix(0, 0, dataShards, dataShards);
        this.encodingMatrix = vandermonde.times(top.invert());
        this.parityRows = new byte[parityShards][];
        for (int p = 0; p < parityShards; p++) {
            parityRows[p] = encodingMatrix.row(dataShards + p);
        }
        this.recoveryPlans = new RecoveryPlanCache(encodingMatrix, RECOVERY_PLAN_CACHE_SIZE);
    }

    /**
     * A codec with the fastest coding loop this JVM offers ({@link CodingLoop#fastestAvailable()}).
     *
     * @throws IllegalArgumentException unless dataShards >= 1, parityShards >= 0 and dataShards +
     *     parityShards <= 256
     */
    public static ReedSolomonCodec create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, CodingLoop.fastestAvailable());
    }

    /** A codec with the given coding loop; for benchmarks and tests that compare loops. */
    public static ReedSolomonCodec create(int dataShards, int parityShards, CodingLoop loop) {
        ShardCounts.check(dataShards, parityShards);
        if (loop == null) {
            throw new IllegalArgumentException("loop must not be null");
        }
        return new ReedSolomonCodec(dataShards, parityShards, loop);
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** The name of the coding loop in use, such as {@code vector-256} or {@code table}. */
    public String implementation() {
        return loop.name();
    }

    /** The (k + m) x k encoding matrix; its top k rows are the identity. */
    public Matrix encodingMatrix() {
        return encodingMatrix;
    }

    /** The layout of a segment of {@code segmentLength} bytes under this codec's k and m. */
    public SegmentLayout layout(int segmentLength) {
        return new SegmentLayout(dataShards, parityShards, segmentLength);
    }

    /**
     * Computes the parity shards {@code shards[k, k + m)} from the data shards {@code shards[0, k)}
     * over the byte range {@code [offset, offset + length)} of each.
     *
     * @throws IllegalArgumentException when there are not k + m shards or one does not cover the
     *     range
     */
    public void encode(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length);
        if (parityShards == 0) {
            return;
        }
        byte[][] data = new byte[dataShards][];
        byte[][] parity = new byte[parityShards][];
        System.arraycopy(shards, 0, data, 0, dataShards);
        System.arraycopy(shards, dataShards, parity, 0, parityShards);
        loop.code(parityRows, data, parity, offset, length);
    }

    /**
     * Rebuilds, in place, every shard not flagged in {@code present} (data and parity) over the
     * byte range {@code [offset, offset + length)}, from the first k present shards. Does nothing
     * when all are present. The arrays of missing shards must exist; their contents are
     * overwritten. {@code present} is not changed.
     *
     * @throws IllegalArgumentException when fewer than k shards are present, or the arrays do not
     *     match this codec
     */
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
        reconstruct(shards, present, offset, length, false);
    }

    /**
     * Like {@link #reconstruct} but rebuilds only missing data shards, leaving missing parity
     * shards untouched: all a read needs.
     */
    public void reconstructData(byte[][] shards, boolean[] present, int offset, int length) {
        reconstruct(shards, present, offset, length, true);
    }

    /**
     * Splits the segment bytes {@code segment[offset, offset + length)} into k zero-padded data
     * shards ({@link SegmentLayout}) and encodes m parity shards for them.
     *
     * @return k + m new shards of {@code ceil(length / k)} bytes each
     */
    public byte[][] encodeSegment(byte[] segment, int offset, int length) {
        SegmentLayout layout = layout(length);
        byte[][] shards = layout.split(segment, offset);
        encode(shards, 0, layout.shardLength());
        return shards;
    }

    /**
     * The bytes of a segment of {@code segmentLength} bytes coded by {@link #encodeSegment}, from
     * its shards with those not flagged in {@code present} lost. Missing data shards are rebuilt in
     * place (so {@code shards} needs an array for each).
     *
     * @throws IllegalArgumentException when fewer than k shards are present, or the shards do not
     *     have the length the layout gives
     */
    public byte[] decodeSegment(byte[][] shards, boolean[] present, int segmentLength) {
        SegmentLayout layout = layout(segmentLength);
        checkShards(shards, 0, layout.shardLength());
        for (int shard = 0; shard < shards.length; shard++) {
            if (shards[shard].length != layout.shardLength()) {
                throw new IllegalArgumentException(
                        "shard "
                                + shard
                                + " has "
                                + shards[shard].length
                                + " bytes, a segment of "
                                + segmentLength
                                + " bytes has shards of "
                                + layout.shardLength());
            }
        }
        reconstructData(shards, present, 0, layout.shardLength());
        return layout.join(shards);
    }

    private void reconstruct(
            byte[][] shards, boolean[] present, int offset, int length, boolean dataOnly) {
        checkShards(shards, offset, length);
        if (present == null || present.length != totalShards()) {
            throw new IllegalArgumentException(
                    "present must flag all "
                            + totalShards()
                            + " shards, got "
                            + (present == null ? "null" : present.length + " flags"));
        }
        int presentCount = 0;
        for (boolean flag : present) {
            presentCount += flag ? 1 : 0;
        }
        if (presentCount == totalShards()) {
            return;
        }
        if (presentCount < dataShards) {
            throw new IllegalArgumentException(
                    "only "
                            + presentCount
                            + " of "
                            + totalShards()
                            + " shards are present; reconstruction needs at least "
                            + dataShards);
        }
        RecoveryPlan plan = recoveryPlans.planFor(present);
        int outputCount = dataOnly ? plan.missingDataShards() : plan.missingShards().length;
        if (outputCount == 0) {
            return;
        }
        byte[][] inputs = new byte[dataShards][];
        for (int i = 0; i < dataShards; i++) {
            inputs[i] = shards[plan.inputShards()[i]];
        }
        byte[][] outputs = new byte[outputCount][];
        byte[][] rows = new byte[outputCount][];
        for (int r = 0; r < outputCount; r++) {
            outputs[r] = shards[plan.missingShards()[r]];
            rows[r] = plan.rows()[r];
        }
        loop.code(rows, inputs, outputs, offset, length);
    }

    private void checkShards(byte[][] shards, int offset, int length) {
        if (shards == null || shards.length != totalShards()) {
            throw new IllegalArgumentException(
                    "expected "
                            + totalShards()
                            + " shards ("
                            + dataShards
                            + " data + "
                            + parityShards
                            + " parity), got "
                            + (shards == null ? "null" : shards.length));
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "offset and length must be >= 0, got offset "
                            + offset
                            + " and length "
                            + length);
        }
        long end = (long) offset + length;
        for (int shard = 0; shard < shards.length; shard++) {
            if (shards[shard] == null) {
                throw new IllegalArgumentException("shard " + shard + " is null");
            }
            if (shards[shard].length < end) {
                throw new IllegalArgumentException(
                        "shard "
                                + shard
                                + " has "
                                + shards[shard].length
                                + " bytes, fewer than offset + length = "
                                + end);
            }
        }
    }

    @Override
    public String toString() {
        return "ReedSolomonCodec[" + dataShards + "+" + parityShards + ", " + loop.name() + "]";
    }
}
