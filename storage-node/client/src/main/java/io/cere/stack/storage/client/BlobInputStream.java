package io.cere.stack.storage.client;

import io.cere.stack.storage.cas.Cid;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of a blob as they arrive from a node, handed out only once checked: each segment (or
 * the whole blob, for a raw CID) is read into memory, hashed, and compared with its CID before the
 * first of its bytes is returned. A mismatch throws {@link BlobVerificationException}, so a reader
 * gets the right bytes or an exception, never other bytes. Memory: one segment.
 *
 * <p>If the connection fails in the middle, the read goes on from the start of the segment it was
 * in, from the next node that answers. Not thread-safe.
 */
public final class BlobInputStream extends InputStream {

    /** Where the blob's bytes come from. */
    interface Source {

        /** Asks a node for all of the blob ({@code range} null) or a {@code Range} of it. */
        NodeAnswer fetch(String range) throws IOException;

        /** {@code node}'s answer broke off: ask another node first. */
        void failed(URI node);
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final Cid cid;
    private final ReadPlan plan;
    private final Source source;
    private final int maxPieceBytes;
    private final int maxResumes;

    private NodeAnswer answer;
    private int nextPiece;
    private byte[] buffer = new byte[0];
    private int position;
    private int limit;
    private long length = -1;
    private boolean closed;

    private BlobInputStream(
            Cid cid, ReadPlan plan, Source source, int maxPieceBytes, int maxResumes) {
        this.cid = cid;
        this.plan = plan;
        this.source = source;
        this.maxPieceBytes = maxPieceBytes;
        this.maxResumes = maxResumes;
    }

    /**
     * Sends the first request, so that a missing blob or an unavailable cluster fails here rather
     * than on the first read.
     *
     * @param maxPieceBytes the most a piece may hold: a raw blob larger than this is refused
     * @param maxResumes how often a failed connection may be replaced per piece
     */
    static BlobInputStream open(
            Cid cid, ReadPlan plan, Source source, int maxPieceBytes, int maxResumes)
            throws IOException {
        BlobInputStream stream = new BlobInputStream(cid, plan, source, maxPieceBytes, maxResumes);
        if (plan.pieces().isEmpty()) {
            stream.length = 0;
        } else {
            stream.fetch(0);
            stream.length = stream.deliveredLength();
        }
        return stream;
    }

    /** The CID this stream's bytes are checked against. */
    public Cid cid() {
        return cid;
    }

    /** How many bytes this stream delivers in all, or -1 when the node did not say. */
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        if (count == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(count, limit - position);
        System.arraycopy(buffer, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            closeBody();
        }
    }

    /** Makes checked bytes available; false at the end of the blob. */
    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException("stream of " + cid + " is closed");
        }
        while (position == limit) {
            if (nextPiece == plan.pieces().size()) {
                finish();
                return false;
            }
            load(nextPiece++);
        }
        return true;
    }

    /**
     * Reads piece {@code index} whole, from another node if the connection fails, and checks it.
     */
    private void load(int index) throws IOException {
        ReadPlan.Piece piece = plan.pieces().get(index);
        int failures = 0;
        byte[] bytes;
        while (true) {
            try {
                bytes = readPiece(piece, index);
                break;
            } catch (BlobVerificationException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (++failures > maxResumes) {
                    throw new IOException(
                            "reading " + describe(index) + " failed " + failures + " times: " + e,
                            e);
                }
                source.failed(answer.node());
                closeBody();
                fetch(index);
            }
        }
        if (!piece.cid().verifies(bytes)) {
            throw new BlobVerificationException(
                    String.format(
                            "%s from %s does not hash to %s; none of it was returned",
                            describe(index), answer.node(), piece.cid()));
        }
        buffer = bytes;
        position = (int) Math.min(piece.deliverFrom(), bytes.length);
        limit = (int) Math.max(position, Math.min(piece.deliverTo(), bytes.length));
    }

    private byte[] readPiece(ReadPlan.Piece piece, int index) throws IOException {
        InputStream body = answer.body();
        if (piece.length() >= 0) {
            byte[] bytes = new byte[Math.toIntExact(piece.length())];
            int n = body.readNBytes(bytes, 0, bytes.length);
            if (n < bytes.length) {
                throw new EOFException(
                        "the answer from "
                                + answer.node()
                                + " ended after "
                                + n
                                + " of the "
                                + bytes.length
                                + " bytes of "
                                + describe(index));
            }
            return bytes;
        }
        long announced = answer.contentLength();
        if (announced > maxPieceBytes) {
            throw tooLarge(announced);
        }
        byte[] bytes = body.readNBytes(maxPieceBytes + 1);
        if (bytes.length > maxPieceBytes) {
            throw tooLarge(bytes.length);
        }
        if (announced >= 0 && bytes.length != announced) {
            throw new EOFException(
                    "the answer from "
                            + answer.node()
                            + " ended after "
                            + bytes.length
                            + " of "
                            + announced
                            + " bytes");
        }
        return bytes;
    }

    /** After the last piece: the answer must end there too. */
    private void finish() throws IOException {
        if (answer == null) {
            return;
        }
        int extra = answer.body().read();
        URI node = answer.node();
        closeBody();
        if (extra != -1) {
            throw new IOException(
                    node
                            + " sent more bytes than the "
                            + describe(plan.pieces().size() - 1)
                            + " it was asked for");
        }
    }

    /** Asks for piece {@code index} and everything after it. */
    private void fetch(int index) throws IOException {
        String range = plan.rangeFrom(index);
        NodeAnswer fetched = source.fetch(range);
        try {
            checkRange(fetched, range, index);
        } catch (IOException e) {
            fetched.body().close();
            throw e;
        }
        answer = fetched;
    }

    private void checkRange(NodeAnswer fetched, String range, int index) throws IOException {
        if (range == null) {
            if (fetched.status() != 200) {
                throw new IOException(
                        fetched.node()
                                + " answered "
                                + fetched.status()
                                + " for the whole of "
                                + cid
                                + "; expected 200");
            }
            return;
        }
        String contentRange = fetched.response().headers().firstValue("Content-Range").orElse("");
        Matcher matcher = CONTENT_RANGE.matcher(contentRange);
        long start = plan.pieces().get(index).offset();
        if (fetched.status() != 206
                || !matcher.matches()
                || Long.parseLong(matcher.group(1)) != start) {
            throw new IOException(
                    fetched.node()
                            + " answered "
                            + fetched.status()
                            + " with Content-Range '"
                            + contentRange
                            + "' to "
                            + range
                            + " of "
                            + cid
                            + "; expected 206 from byte "
                            + start);
        }
    }

    /** What the plan hands out in all, once the first answer told a raw blob's size. */
    private long deliveredLength() {
        long total = 0;
        for (ReadPlan.Piece piece : plan.pieces()) {
            long size = piece.length() >= 0 ? piece.length() : answer.contentLength();
            if (size < 0) {
                return -1;
            }
            long from = Math.min(piece.deliverFrom(), size);
            total += Math.max(0, Math.min(piece.deliverTo(), size) - from);
        }
        return total;
    }

    private void closeBody() throws IOException {
        if (answer != null) {
            NodeAnswer closing = answer;
            answer = null;
            closing.body().close();
        }
    }

    private String describe(int index) {
        ReadPlan.Piece piece = plan.pieces().get(index);
        return piece.cid().equals(cid)
                ? "blob " + cid
                : "segment " + piece.cid() + " (at byte " + piece.offset() + ") of " + cid;
    }

    private BlobVerificationException tooLarge(long bytes) {
        return new BlobVerificationException(
                "blob "
                        + cid
                        + " is "
                        + bytes
                        + " bytes, more than the "
                        + maxPieceBytes
                        + " a raw CID can address (one segment); it cannot be checked");
    }
}
