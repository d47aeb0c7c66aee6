package io.cere.stack.storage.cas;

import java.nio.ByteBuffer;

/**
 * The multiformats unsigned varint: unsigned LEB128, seven bits per byte, least significant group
 * first, the high bit set on every byte but the last. CIDs and multihashes prefix their version,
 * codec, hash code and digest length with it.
 *
 * <p>The multiformats spec admits only the minimal encoding of a value (no trailing zero groups),
 * and at most nine bytes (63 bits), so every value fits a non-negative {@code long}. Reading
 * enforces both, so a CID has exactly one binary form and two different byte strings never name the
 * same content.
 */
public final class Varint {

    /** The longest encoding the spec allows: nine bytes carry 63 bits. */
    public static final int MAX_LENGTH = 9;

    private Varint() {}

    /** The number of bytes {@link #write} uses for {@code value}. */
    public static int encodedLength(long value) {
        requireNonNegative(value);
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }

    /** The minimal encoding of {@code value}. */
    public static byte[] encode(long value) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(value));
        write(value, out);
        return out.array();
    }

    /** Writes the minimal encoding of {@code value} at the buffer's position. */
    public static void write(long value, ByteBuffer out) {
        requireNonNegative(value);
        while ((value & ~0x7fL) != 0) {
            out.put((byte) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    /**
     * Reads one varint at the buffer's position and advances past it.
     *
     * @throws IllegalArgumentException when the input ends inside the varint, when it is longer
     *     than {@value #MAX_LENGTH} bytes, or when it is not the minimal encoding of its value; the
     *     message names the offending offset
     */
    public static long read(ByteBuffer in) {
        int start = in.position();
        long value = 0;
        for (int i = 0; i < MAX_LENGTH; i++) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException(
                        "varint at offset "
                                + start
                                + " is truncated: the input ends "
                                + (i == 0
                                        ? "where it should start"
                                        : "after "
                                                + i
                                                + " bytes, the last with the continuation"
                                                + " bit set"));
            }
            int b = in.get() & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new IllegalArgumentException(
                            "varint at offset "
                                    + start
                                    + " is not minimally encoded: "
                                    + (i + 1)
                                    + " bytes for the value "
                                    + value
                                    + ", which takes "
                                    + encodedLength(value));
                }
                return value;
            }
        }
        throw new IllegalArgumentException(
                "varint at offset "
                        + start
                        + " is longer than the limit of "
                        + MAX_LENGTH
                        + " bytes (63 bits)");
    }

    private static void requireNonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "varint value "
                            + value
                            + " is negative; only 0 to "
                            + Long.MAX_VALUE
                            + " can be encoded");
        }
    }
}
