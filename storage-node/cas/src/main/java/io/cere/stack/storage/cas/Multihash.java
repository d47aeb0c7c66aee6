package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A self-describing digest: the hash algorithm's code and the digest length as varints, then the
 * digest. It is the part of a CID that binds it to the content. Immutable.
 */
public final class Multihash {

    private final HashAlgorithm algorithm;
    private final byte[] digest;

    private Multihash(HashAlgorithm algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /**
     * The multihash of a digest already computed with {@code algorithm}.
     *
     * @throws IllegalArgumentException when the digest's length is not the algorithm's
     */
    public static Multihash of(HashAlgorithm algorithm, byte[] digest) {
        requireDigestLength(algorithm, digest.length);
        return new Multihash(algorithm, digest.clone());
    }

    /** Hashes {@code content} with {@code algorithm}. */
    public static Multihash compute(HashAlgorithm algorithm, byte[] content) {
        return new Multihash(algorithm, algorithm.digest(content));
    }

    /**
     * Parses a binary multihash that makes up all of {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not exactly one multihash of a supported
     *     algorithm with its full-length digest
     */
    public static Multihash fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Multihash multihash = read(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(
                    "multihash is followed by "
                            + in.remaining()
                            + " unexpected bytes at offset "
                            + in.position());
        }
        return multihash;
    }

    /** Reads one multihash at the buffer's position and advances past it. */
    static Multihash read(ByteBuffer in) {
        HashAlgorithm algorithm = HashAlgorithm.fromCode(Varint.read(in));
        int lengthOffset = in.position();
        long length = Varint.read(in);
        if (length != algorithm.digestLength()) {
            throw new IllegalArgumentException(
                    "multihash digest length "
                            + length
                            + " at offset "
                            + lengthOffset
                            + " is not the "
                            + algorithm.digestLength()
                            + " bytes of "
                            + algorithm);
        }
        if (in.remaining() < length) {
            throw new IllegalArgumentException(
                    "multihash is truncated: its "
                            + algorithm
                            + " digest needs "
                            + length
                            + " bytes but "
                            + in.remaining()
                            + " remain");
        }
        byte[] digest = new byte[(int) length];
        in.get(digest);
        return new Multihash(algorithm, digest);
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** A copy of the digest. */
    public byte[] digest() {
        return digest.clone();
    }

    /** The number of bytes {@link #write} writes. */
    int encodedLength() {
        return Varint.encodedLength(algorithm.code())
                + Varint.encodedLength(digest.length)
                + digest.length;
    }

    /** Writes the binary multihash at the buffer's position. */
    void write(ByteBuffer out) {
        Varint.write(algorithm.code(), out);
        Varint.write(digest.length, out);
        out.put(digest);
    }

    /** The binary multihash: code, length, digest. */
    public byte[] bytes() {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        write(out);
        return out.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash other
                && algorithm == other.algorithm
                && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    /** The algorithm name and the digest in hex, for example {@code sha2-256:e3b0...b855}. */
    @Override
    public String toString() {
        return algorithm + ":" + HexFormat.of().formatHex(digest);
    }

    private static void requireDigestLength(HashAlgorithm algorithm, int length) {
        if (length != algorithm.digestLength()) {
            throw new IllegalArgumentException(
                    algorithm
                            + " digest has "
                            + length
                            + " bytes; expected "
                            + algorithm.digestLength());
        }
    }
}
