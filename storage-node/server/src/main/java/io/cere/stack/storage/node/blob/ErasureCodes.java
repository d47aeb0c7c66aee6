package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.erasure.CodingLoop;
import io.cere.stack.storage.erasure.ReedSolomonCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One codec per (k, m): codecs are thread-safe and keep their matrices and recovery plans, so they
 * are built once. Objects are read with the code they were written with (their manifest says
 * which), which need not be the cluster's current one. Short shards are coded with the table-lookup
 * loop, long ones with the vector loop ({@link LengthRoutedCodingLoop}).
 */
public final class ErasureCodes {

    private final Map<Long, ReedSolomonCodec> codecs = new ConcurrentHashMap<>();
    private final CodingLoop loop;

    public ErasureCodes() {
        this.loop = LengthRoutedCodingLoop.forThisJvm();
    }

    public ReedSolomonCodec get(int k, int m) {
        return codecs.computeIfAbsent(
                ((long) k << 32) | m, key -> ReedSolomonCodec.create(k, m, loop));
    }
}
