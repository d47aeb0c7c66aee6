package io.cere.stack.storage.erasure;

import java.util.Objects;

/**
 * How a segment's bytes map to shards: the segment is cut into k consecutive pieces of {@code
 * ceil(length / k)} bytes, the last one padded with zeros, followed by m parity shards of the same
 * length.
 *
 * <p>Consecutive pieces (rather than bytes dealt out round-robin) mean that while all data shards
 * are healthy, a range read needs only the data shards that hold the range, with no decoding. The
 * padding is not stored anywhere: the segment length, recorded in the manifest, says where the data
 * ends.
 */
public final class SegmentLayout {

    private final int dataShards;
    private final int parityShards;
    private final int segmentLength;
    private final int shardLength;

    /**
     * @throws IllegalArgumentException when dataShards < 1, parityShards < 0, k + m > 256 or
     *     segmentLength < 0
     */
    public SegmentLayout(int dataShards, int parityShards, int segmentLength) {
        ShardCounts.check(dataShards, parityShards);
        if (segmentLength < 0) {
            throw new IllegalArgumentException("segmentLength must be >= 0, got " + segmentLength);
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.segmentLength = segmentLength;
        this.shardLength = shardLength(segmentLength, dataShards);
    }

    /** ceil(segmentLength / dataShards): the length of every shard of such a segment. */
    public static int shardLength(int segmentLength, int dataShards) {
        if (segmentLength < 0 || dataShards < 1) {
            throw new IllegalArgumentException(
                    "segmentLength must be >= 0 and dataShards >= 1, got "
                            + segmentLength
                            + " and "
                            + dataShards);
        }
        return (int) (((long) segmentLength + dataShards - 1) / dataShards);
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

    public int segmentLength() {
        return segmentLength;
    }

    public int shardLength() {
        return shardLength;
    }

    /**
     * New shards for the segment bytes {@code source[offset, offset + segmentLength)}: the data
     * shards filled (zero-padded), the parity shards zero and ready for {@link
     * ReedSolomonCodec#encode}.
     */
    public byte[][] split(byte[] source, int offset) {
        Objects.checkFromIndexSize(offset, segmentLength, source.length);
        byte[][] shards = new byte[totalShards()][shardLength];
        for (int shard = 0; shard < dataShards; shard++) {
            int count = bytesIn(shard);
            if (count > 0) {
                System.arraycopy(source, offset + shard * shardLength, shards[shard], 0, count);
            }
        }
        return shards;
    }

    /**
     * Copies the segment bytes held by the data shards to {@code target[offset, offset +
     * segmentLength)}, dropping the padding.
     *
     * @throws IllegalArgumentException when there are fewer than k shards or a data shard is
     *     missing or shorter than {@link #shardLength()}
     */
    public void join(byte[][] shards, byte[] target, int offset) {
        Objects.checkFromIndexSize(offset, segmentLength, target.length);
        if (shards.length < dataShards) {
            throw new IllegalArgumentException(
                    "got "
                            + shards.length
                            + " shards, the layout has "
                            + dataShards
                            + " data shards");
        }
        for (int shard = 0; shard < dataShards; shard++) {
            byte[] data = shards[shard];
            if (data == null || data.length < shardLength) {
                throw new IllegalArgumentException(
                        "data shard "
                                + shard
                                + " must hold "
                                + shardLength
                                + " bytes, got "
                                + (data == null ? "none" : data.length));
            }
            int count = bytesIn(shard);
            if (count > 0) {
                System.arraycopy(data, 0, target, offset + shard * shardLength, count);
            }
        }
    }

    /** The segment bytes held by the data shards, as a new array of {@link #segmentLength()}. */
    public byte[] join(byte[][] shards) {
        byte[] segment = new byte[segmentLength];
        join(shards, segment, 0);
        return segment;
    }

    /** How many segment bytes data shard {@code shard} holds; the rest of it is padding. */
    public int bytesIn(int shard) {
        if (shard < 0 || shard >= dataShards) {
            throw new IllegalArgumentException(
                    "data shard index must be in [0, " + dataShards + "), got " + shard);
        }
        long start = (long) shard * shardLength;
        return (int) Math.max(0, Math.min(shardLength, segmentLength - start));
    }

    @Override
    public String toString() {
        return "SegmentLayout["
                + dataShards
                + "+"
                + parityShards
                + ", segment "
                + segmentLength
                + " bytes, shards "
                + shardLength
                + " bytes]";
    }
}
