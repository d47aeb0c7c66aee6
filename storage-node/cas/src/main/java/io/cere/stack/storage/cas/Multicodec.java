package io.cere.stack.storage.cas;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a CID's content is, with its code from the multiformats table: the storage node stores blobs
 * as {@link #RAW} bytes and structured blocks (manifests) as {@link #DAG_CBOR}.
 */
public enum Multicodec {
    /** Opaque bytes: the CID is the hash of exactly the bytes stored. */
    RAW(0x55, "raw"),
    /** A DAG-CBOR block whose links to other blocks are CIDs (CBOR tag 42). */
    DAG_CBOR(0x71, "dag-cbor");

    private final int code;
    private final String codecName;

    Multicodec(int code, String codecName) {
        this.code = code;
        this.codecName = codecName;
    }

    /** The multicodec code, as it appears in a binary CID. */
    public int code() {
        return code;
    }

    /** The name in the multiformats table, for example {@code dag-cbor}. */
    public String codecName() {
        return codecName;
    }

    /**
     * The codec with this code.
     *
     * @throws IllegalArgumentException for any other code, naming it and the supported ones
     */
    public static Multicodec fromCode(long code) {
        for (Multicodec codec : values()) {
            if (codec.code == code) {
                return codec;
            }
        }
        throw new IllegalArgumentException(
                "content codec 0x"
                        + Long.toHexString(code)
                        + " is not supported; expected "
                        + Arrays.stream(values())
                                .map(c -> c.codecName + " (0x" + Integer.toHexString(c.code) + ")")
                                .collect(Collectors.joining(" or ")));
    }

    /** The multiformats name. */
    @Override
    public String toString() {
        return codecName;
    }
}
