package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.erasure.CodingLoop;
import java.util.Objects;

/**
 * Codes short shards with the table-lookup loop and long ones with the vector loop. The vector loop
 * is only faster once the JIT has compiled it, which takes about a second of CPU and hundreds of
 * megabytes coded; until then each call runs the Vector API's interpreted fallback, tens of times
 * slower than the table loop. On shards of a few kilobytes the two loops are equally fast when
 * warm, so small objects never pay that warm-up; large segments, where the vector loop wins by a
 * factor of two or more, do.
 */
final class LengthRoutedCodingLoop implements CodingLoop {

    /** Ranges of at least this many bytes go to the vector loop. */
    static final int DEFAULT_VECTOR_MIN_LENGTH = 64 << 10;

    private final CodingLoop shortRanges;
    private final CodingLoop longRanges;
    private final int longMinLength;

    /**
     * @param longMinLength ranges of at least this many bytes go to {@code longRanges}; at least 1
     */
    LengthRoutedCodingLoop(CodingLoop shortRanges, CodingLoop longRanges, int longMinLength) {
        this.shortRanges = Objects.requireNonNull(shortRanges, "shortRanges");
        this.longRanges = Objects.requireNonNull(longRanges, "longRanges");
        if (longMinLength < 1) {
            throw new IllegalArgumentException(
                    "longMinLength is " + longMinLength + "; expected at least 1 byte");
        }
        this.longMinLength = longMinLength;
    }

    /**
     * The table loop below {@link #DEFAULT_VECTOR_MIN_LENGTH}, the JVM's fastest loop (the table
     * loop too when the Vector API is not loaded) from there on.
     */
    static CodingLoop forThisJvm() {
        return new LengthRoutedCodingLoop(
                CodingLoop.tableLookup(), CodingLoop.fastestAvailable(), DEFAULT_VECTOR_MIN_LENGTH);
    }

    @Override
    public void code(
            byte[][] matrixRows, byte[][] inputs, byte[][] outputs, int offset, int length) {
        (length < longMinLength ? shortRanges : longRanges)
                .code(matrixRows, inputs, outputs, offset, length);
    }

    @Override
    public String name() {
        return shortRanges.name() + "<" + longMinLength + "<=" + longRanges.name();
    }
}
