package io.cere.stack.storage.erasure;

/**
 * The inner loop of Reed-Solomon coding: multiplies a coefficient matrix by a set of input shards
 * over a byte range, writing one output shard per matrix row. Encoding, reconstruction and repair
 * all come down to this one operation, and almost all of a codec's time is spent in it, which is
 * why it sits behind an interface with implementations tuned for different JVMs.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface CodingLoop {

    /**
     * Sets, for every row r and every byte position x in {@code [offset, offset + length)}:
     *
     * <pre>outputs[r][x] = sum over i of matrixRows[r][i] * inputs[i][x]   (in GF(2^8))</pre>
     *
     * <p>{@code matrixRows} has one row per output and one column per input; outputs must not alias
     * inputs. The caller has checked that every shard covers the range.
     */
    void code(byte[][] matrixRows, byte[][] inputs, byte[][] outputs, int offset, int length);

    /** A short name for logs and benchmarks, such as {@code table} or {@code vector-256}. */
    String name();

    /** The table-lookup loop: plain Java, runs on any JVM. */
    static CodingLoop tableLookup() {
        return new TableLookupCodingLoop();
    }

    /**
     * The fastest loop this JVM can run: the Vector API loop when the JVM was started with {@code
     * --add-modules jdk.incubator.vector} and has vectors of at least 128 bits, otherwise the
     * table-lookup loop (with one log line saying why). Chosen once per JVM.
     */
    static CodingLoop fastestAvailable() {
        return CodingLoopChoice.FASTEST;
    }
}
