package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A content identifier, version 1: the codec of the content and the multihash of its bytes. Text
 * form is multibase base32 ({@code b...}), as {@code ipfs cid format -v 1 -b base32} prints it;
 * binary form is the varints {@code 0x01}, codec, then the multihash.
 *
 * <p>Only CIDv1 is created or accepted. A CIDv0 ({@code Qm...}) names the same bytes as a dag-pb
 * CIDv1 but is a second spelling for them; accepting one form only keeps CIDs usable as keys.
 * Immutable; ordered by the binary form.
 */
public final class Cid implements Comparable<Cid> {

    /** The only CID version created and accepted. */
    public static final int VERSION = 1;

    /** Longer text cannot be a CID of a supported algorithm; refused before decoding it. */
    private static final int MAX_TEXT_LENGTH = 128;

    private static final int QUOTE_LIMIT = 80;
    private static final int CID_V0_TEXT_LENGTH = 46;

    private final Multicodec codec;
    private final Multihash multihash;
    private final byte[] bytes;
    private final String text;

    private Cid(Multicodec codec, Multihash multihash) {
        this.codec = codec;
        this.multihash = multihash;
        ByteBuffer out =
                ByteBuffer.allocate(
                        Varint.encodedLength(VERSION)
                                + Varint.encodedLength(codec.code())
                                + multihash.encodedLength());
        Varint.write(VERSION, out);
        Varint.write(codec.code(), out);
        multihash.write(out);
        this.bytes = out.array();
        this.text = Multibase.encode(bytes);
    }

    /** The CID of content with this codec and multihash. */
    public static Cid of(Multicodec codec, Multihash multihash) {
        return new Cid(requireNonNull(codec, "codec"), requireNonNull(multihash, "multihash"));
    }

    /** Hashes {@code content} with {@code algorithm} and returns its CID. */
    public static Cid of(Multicodec codec, HashAlgorithm algorithm, byte[] content) {
        return of(codec, Multihash.compute(algorithm, content));
    }

    /**
     * Parses the text form, {@code b} followed by base32.
     *
     * @throws InvalidCidException naming what is wrong: a CIDv0, another multibase, a bad
     *     character, an unsupported version, codec or hash, a wrong digest length, trailing bytes
     */
    public static Cid parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidCidException(
                    "invalid CID "
                            + quote(text)
                            + ": "
                            + text.length()
                            + " characters is longer than any supported CID ("
                            + MAX_TEXT_LENGTH
                            + " at most)");
        }
        if (text.length() == CID_V0_TEXT_LENGTH && text.startsWith("Qm")) {
            throw new InvalidCidException(
                    "invalid CID "
                            + quote(text)
                            + ": it is a CIDv0; only CIDv1 in base32 ('b...') is accepted"
                            + " (ipfs cid base32 converts it)");
        }
        byte[] bytes;
        try {
            bytes = Multibase.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("invalid CID " + quote(text) + ": " + e.getMessage(), e);
        }
        return decode(bytes, "CID " + quote(text));
    }

    /**
     * Parses the binary form.
     *
     * @throws InvalidCidException naming what is wrong
     */
    public static Cid fromBytes(byte[] bytes) {
        return decode(bytes, "binary CID");
    }

    private static Cid decode(byte[] bytes, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (bytes.length == 34 && bytes[0] == 0x12 && bytes[1] == 0x20) {
                throw new IllegalArgumentException(
                        "it is a CIDv0 (a bare sha2-256 multihash); only CIDv1 is accepted");
            }
            long version = Varint.read(in);
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "CID version " + version + " is not supported; only " + VERSION);
            }
            Multicodec codec = Multicodec.fromCode(Varint.read(in));
            Multihash multihash = Multihash.read(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(
                        in.remaining()
                                + " unexpected bytes follow the multihash at byte "
                                + in.position());
            }
            return new Cid(codec, multihash);
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    /** Always {@value #VERSION}. */
    public int version() {
        return VERSION;
    }

    public Multicodec codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    /** The algorithm of the multihash. */
    public HashAlgorithm hashAlgorithm() {
        return multihash.algorithm();
    }

    /** A copy of the binary form. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether {@code content} hashes to this CID's multihash: the check before serving bytes. */
    public boolean verifies(byte[] content) {
        return multihash.equals(Multihash.compute(hashAlgorithm(), content));
    }

    /**
     * A hasher with this CID's codec and algorithm, to verify content that arrives as a stream:
     * feed it the bytes, then compare its {@link CidHasher#cid()} with this CID.
     */
    public CidHasher newHasher() {
        return new CidHasher(codec, hashAlgorithm());
    }

    /** Orders by the binary form, compared as unsigned bytes. */
    @Override
    public int compareTo(Cid other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The text form: multibase base32, {@code b...}. */
    @Override
    public String toString() {
        return text;
    }

    private static String quote(String text) {
        return "'"
                + (text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...")
                + "'";
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }
}
