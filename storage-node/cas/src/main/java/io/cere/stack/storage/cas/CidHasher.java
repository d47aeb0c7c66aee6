package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Computes a CID from content fed in pieces, so a server can hash a body while it writes it and
 * know the CID when the last byte is on disk, without holding the whole body in memory. Not
 * thread-safe; one hasher per stream.
 */
public final class CidHasher {

    private final Multicodec codec;
    private final Digester digester;
    private long length;
    private Cid cid;

    public CidHasher(Multicodec codec, HashAlgorithm algorithm) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.digester = Objects.requireNonNull(algorithm, "algorithm").newDigester();
    }

    /** Adds all of {@code bytes}. */
    public CidHasher update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    /** Adds {@code length} bytes of {@code bytes} starting at {@code offset}. */
    public CidHasher update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        digester.update(bytes, offset, length);
        this.length += length;
        return this;
    }

    /** Adds the remaining bytes of {@code bytes}, leaving its position at its limit. */
    public CidHasher update(ByteBuffer bytes) {
        requireOpen();
        int remaining = bytes.remaining();
        digester.update(bytes);
        this.length += remaining;
        return this;
    }

    /** The number of bytes added so far. */
    public long length() {
        return length;
    }

    /**
     * The CID of everything added. The first call finishes the hasher, later calls return the same
     * CID, and adding bytes afterwards throws {@link IllegalStateException}.
     */
    public Cid cid() {
        if (cid == null) {
            cid = Cid.of(codec, Multihash.of(digester.algorithm(), digester.digest()));
        }
        return cid;
    }

    private void requireOpen() {
        if (cid != null) {
            throw new IllegalStateException(
                    "CID " + cid + " is already computed: no more bytes can be added");
        }
    }
}
