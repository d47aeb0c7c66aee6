package io.cere.stack.storage.cas;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The hash functions a CID may name, with their multicodec codes from the multiformats table.
 * SHA2-256 is the default because IPFS tools compute the same CID for the same bytes with it;
 * BLAKE3 is selectable per bucket for Cere DDC compatibility. On the JVM BLAKE3 is not the faster
 * one: Bouncy Castle's pure-Java BLAKE3 runs at about half the speed of the JDK's SHA-256.
 */
public enum HashAlgorithm {
    SHA2_256(0x12, "sha2-256", 32),
    BLAKE3(0x1e, "blake3", 32);

    private final int code;
    private final String multihashName;
    private final int digestLength;

    HashAlgorithm(int code, String multihashName, int digestLength) {
        this.code = code;
        this.multihashName = multihashName;
        this.digestLength = digestLength;
    }

    /** The multihash code, as it appears in the binary multihash. */
    public int code() {
        return code;
    }

    /** The name in the multiformats table, for example {@code sha2-256}. */
    public String multihashName() {
        return multihashName;
    }

    /** The length in bytes of the digests this algorithm produces and CIDs carry. */
    public int digestLength() {
        return digestLength;
    }

    /** A fresh incremental digester. */
    public Digester newDigester() {
        return switch (this) {
            case SHA2_256 -> new JdkDigester(this, "SHA-256");
            case BLAKE3 -> new Blake3Digester();
        };
    }

    /** The digest of {@code bytes}. */
    public byte[] digest(byte[] bytes) {
        Digester digester = newDigester();
        digester.update(bytes, 0, bytes.length);
        return digester.digest();
    }

    /**
     * The algorithm with this multihash code.
     *
     * @throws IllegalArgumentException for any other code, naming it and the supported ones
     */
    public static HashAlgorithm fromCode(long code) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.code == code) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException(
                "multihash code 0x"
                        + Long.toHexString(code)
                        + " is not supported; expected "
                        + supported(
                                a -> a.multihashName + " (0x" + Integer.toHexString(a.code) + ")"));
    }

    /**
     * The algorithm with this multiformats name, as bucket settings spell it ({@code sha2-256} or
     * {@code blake3}).
     *
     * @throws IllegalArgumentException for any other name, naming it and the supported ones
     */
    public static HashAlgorithm fromName(String name) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.multihashName.equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException(
                "hash algorithm '"
                        + name
                        + "' is not supported; expected "
                        + supported(a -> a.multihashName));
    }

    /** The multiformats name. */
    @Override
    public String toString() {
        return multihashName;
    }

    private static String supported(Function<HashAlgorithm, String> label) {
        return Arrays.stream(values()).map(label).collect(Collectors.joining(" or "));
    }
}
