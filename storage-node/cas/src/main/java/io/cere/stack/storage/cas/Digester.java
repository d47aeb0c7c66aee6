package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;

/**
 * An incremental hash: feed bytes in any number of pieces, then take the digest once. It equals the
 * digest of all the pieces concatenated, so a server can hash a body while it streams it to disk.
 * Not thread-safe; one digester per stream.
 */
public interface Digester {

    /** The algorithm this digester computes. */
    HashAlgorithm algorithm();

    /** Adds {@code length} bytes of {@code bytes} starting at {@code offset}. */
    void update(byte[] bytes, int offset, int length);

    /** Adds the remaining bytes of {@code bytes}, leaving its position at its limit. */
    void update(ByteBuffer bytes);

    /**
     * The digest of everything added. The digester is finished afterwards: further calls throw
     * {@link IllegalStateException}.
     */
    byte[] digest();
}
