package io.cere.stack.storage.erasure;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recovery plans by erasure pattern, least recently used dropped first. A cluster that has lost a
 * node reads many segments with the same shards missing; inverting a k x k matrix for each would
 * cost more than the coding itself for small segments.
 */
final class RecoveryPlanCache {

    private final Matrix encodingMatrix;
    private final Map<BitSet, RecoveryPlan> plans;

    RecoveryPlanCache(Matrix encodingMatrix, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.encodingMatrix = encodingMatrix;
        this.plans =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<BitSet, RecoveryPlan> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The plan for the shards flagged present; computed on first use of a pattern. */
    RecoveryPlan planFor(boolean[] present) {
        BitSet pattern = new BitSet(present.length);
        for (int shard = 0; shard < present.length; shard++) {
            pattern.set(shard, present[shard]);
        }
        synchronized (plans) {
            RecoveryPlan plan = plans.get(pattern);
            if (plan != null) {
                return plan;
            }
        }
        // Inverting outside the lock: two threads may compute the same plan once each, which is
        // cheaper than making every reader wait behind one inversion.
        RecoveryPlan plan = RecoveryPlan.of(encodingMatrix, present);
        synchronized (plans) {
            plans.put(pattern, plan);
        }
        return plan;
    }

    int size() {
        synchronized (plans) {
            return plans.size();
        }
    }
}
