package io.cere.stack.storage.node.blob;

import io.cere.stack.storage.erasure.ReedSolomonCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One codec per (k, m): codecs are thread-safe and keep their matrices and recovery plans, so they
 * are built once. Objects are read with the code they were written with (their manifest says
 * which), which need not be the cluster's current one.
 */
public final class ErasureCodes {

    private final Map<Long, ReedSolomonCodec> codecs = new ConcurrentHashMap<>();

    public ReedSolomonCodec get(int k, int m) {
        return codecs.computeIfAbsent(((long) k << 32) | m, key -> ReedSolomonCodec.create(k, m));
    }
}
