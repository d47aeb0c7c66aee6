package io.cere.stack.storage.client;

import io.cere.stack.storage.cas.Cid;
import java.util.ArrayList;
import java.util.List;

/**
 * Which bytes of a blob a read fetches, cut into the pieces it checks one at a time: the segments
 * the wanted range touches (each checked against its CID from the proof), or, for a blob with a raw
 * CID, the whole blob (checked against the CID itself).
 */
final class ReadPlan {

    /**
     * A piece checked as a whole before any of it is handed out.
     *
     * @param offset where it starts in the blob
     * @param length its bytes, or -1 for "to the end of the body" (a raw blob of unknown size)
     * @param deliverFrom the first byte of it to hand out
     * @param deliverTo the end (exclusive) of what to hand out; clipped to the piece's length
     */
    record Piece(Cid cid, long offset, long length, long deliverFrom, long deliverTo) {}

    private final List<Piece> pieces;
    private final long blobSize;

    private ReadPlan(List<Piece> pieces, long blobSize) {
        this.pieces = List.copyOf(pieces);
        this.blobSize = blobSize;
    }

    /** Up to {@code length} bytes from {@code offset} of a blob addressed by its raw CID. */
    static ReadPlan rawBlob(Cid cid, long offset, long length) {
        return new ReadPlan(List.of(new Piece(cid, 0, -1, offset, end(offset, length))), -1);
    }

    /** Up to {@code length} bytes from {@code offset} of the blob a verified proof describes. */
    static ReadPlan segments(BlobProof proof, long offset, long length) {
        long end = Math.min(proof.size(), end(offset, length));
        List<Piece> pieces = new ArrayList<>();
        for (BlobProof.Segment segment : proof.segments()) {
            if (segment.end() > offset && segment.offset() < end) {
                pieces.add(
                        new Piece(
                                segment.cid(),
                                segment.offset(),
                                segment.length(),
                                Math.max(0, offset - segment.offset()),
                                Math.min(segment.length(), end - segment.offset())));
            }
        }
        return new ReadPlan(pieces, proof.size());
    }

    List<Piece> pieces() {
        return pieces;
    }

    /**
     * The {@code Range} header that fetches piece {@code index} and all after it, or null when that
     * is the whole blob.
     */
    String rangeFrom(int index) {
        Piece first = pieces.get(index);
        Piece last = pieces.get(pieces.size() - 1);
        if (first.length() < 0) {
            return null;
        }
        long endInclusive = last.offset() + last.length() - 1;
        if (first.offset() == 0 && endInclusive == blobSize - 1) {
            return null;
        }
        return "bytes=" + first.offset() + "-" + endInclusive;
    }

    private static long end(long offset, long length) {
        return length > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + length;
    }
}
