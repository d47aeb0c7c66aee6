/**
 * Reed-Solomon erasure coding over GF(2^8) for the storage node: a segment is split into {@code k}
 * data shards and {@code m} parity shards are computed from them, so that any {@code k} of the
 * {@code k + m} shards give the segment back.
 *
 * <p>{@link io.cere.stack.storage.erasure.ReedSolomonCodec} is the entry point; {@link
 * io.cere.stack.storage.erasure.SegmentLayout} maps a segment's bytes to equal-length shards; the
 * byte-crunching inner loop sits behind {@link io.cere.stack.storage.erasure.CodingLoop}, with a
 * table-lookup implementation that runs anywhere and a JDK Vector API implementation that is used
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>The code is systematic and uses the matrix construction of Backblaze's JavaReedSolomon and
 * klauspost/reedsolomon (a Vandermonde matrix times the inverse of its top square), so parity bytes
 * match theirs for the same {@code k}, {@code m} and data.
 */
package io.cere.stack.storage.erasure;
