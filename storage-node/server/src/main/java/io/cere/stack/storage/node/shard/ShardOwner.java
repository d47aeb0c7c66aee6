package io.cere.stack.storage.node.shard;

import io.cere.stack.storage.cas.Cid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a shard is part of: shard {@code index} of the segment {@code segment} ({@code
 * segmentLength} bytes, coded as {@code k} data shards and {@code shards.size() - k} parity
 * shards), and the CIDs of all the segment's shards in order. Kept next to the shard on disk: it is
 * all a node needs to rebuild a damaged shard from the others of its segment, which it finds by
 * asking the nodes of the segment's rendezvous ranking.
 *
 * <p>It names the segment rather than the object: a writer streams an object and sends a segment's
 * shards before it has read the rest, so the object's CID is not known yet.
 */
public record ShardOwner(Cid segment, int segmentLength, int k, int index, List<Cid> shards) {

    public ShardOwner {
        Objects.requireNonNull(segment, "segment");
        shards = List.copyOf(shards);
        if (segmentLength < 0) {
            throw new IllegalArgumentException(
                    "segmentLength is " + segmentLength + "; expected 0 or more");
        }
        if (k < 1 || k > shards.size()) {
            throw new IllegalArgumentException(
                    "k is " + k + "; expected 1.." + shards.size() + " (the shard count)");
        }
        if (index < 0 || index >= shards.size()) {
            throw new IllegalArgumentException(
                    "index is " + index + "; expected 0.." + (shards.size() - 1));
        }
    }

    /** The CID of the shard this owner describes. */
    public Cid shard() {
        return shards.get(index);
    }

    /** One line: {@code <segment> <segment length> <k> <index> <shard CID>,<shard CID>,...}. */
    public String line() {
        StringBuilder line =
                new StringBuilder()
                        .append(segment)
                        .append(' ')
                        .append(segmentLength)
                        .append(' ')
                        .append(k)
                        .append(' ')
                        .append(index)
                        .append(' ');
        for (int i = 0; i < shards.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(shards.get(i));
        }
        return line.toString();
    }

    /**
     * Parses {@link #line()}.
     *
     * @throws IllegalArgumentException when the line is not one
     */
    public static ShardOwner parseLine(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException(
                    "shard owner '"
                            + line
                            + "' is not '<segment CID> <segment length> <k> <index> <shard CIDs>'");
        }
        List<Cid> shards = new ArrayList<>();
        for (String shard : parts[4].split(",")) {
            shards.add(Cid.parse(shard));
        }
        return new ShardOwner(
                Cid.parse(parts[0]),
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]),
                shards);
    }

    @Override
    public String toString() {
        return "shard " + index + " of segment " + segment;
    }
}
