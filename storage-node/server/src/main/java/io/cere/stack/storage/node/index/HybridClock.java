package io.cere.stack.storage.node.index;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Timestamps for last-writer-wins: microseconds since the epoch, never repeating and never going
 * back on one node, and moved past every timestamp the node has seen from others. So a write made
 * after reading a record always wins over that record, even when the writer's wall clock is behind
 * the one that wrote it.
 */
public final class HybridClock {

    private final LongSupplier wallMicros;
    private final AtomicLong last = new AtomicLong();

    public HybridClock() {
        this(() -> System.currentTimeMillis() * 1000);
    }

    /** A clock over {@code wallMicros}, for tests that need a wall clock that stands still. */
    public HybridClock(LongSupplier wallMicros) {
        this.wallMicros = wallMicros;
    }

    /** A timestamp greater than every one this clock has returned or observed. */
    public long next() {
        long wall = wallMicros.getAsLong();
        return last.updateAndGet(previous -> Math.max(previous + 1, wall));
    }

    /** Notes a timestamp written elsewhere, so {@link #next()} goes past it. */
    public void observe(long timestamp) {
        last.accumulateAndGet(timestamp, Math::max);
    }
}
