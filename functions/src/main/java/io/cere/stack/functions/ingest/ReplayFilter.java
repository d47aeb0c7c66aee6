package io.cere.stack.functions.ingest;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;

/**
 * Drops replays: an event whose {@code (appId, id)} was already accepted within the replay window.
 * Runs on a stream keyed by {@link VerifiedEvent#replayKey()}.
 *
 * <p>The window is Flink's state TTL in processing time. An id costs one state entry and nothing
 * else: no timer per id, which would double what every checkpoint carries and add a priority-queue
 * insert to every event. Expired ids are removed incrementally: each state access also checks
 * {@link #CLEANUP_PER_ACCESS} entries of the whole table (heap backend), so under traffic the state
 * drains at least as fast as it fills; full snapshots leave expired entries out, and RocksDB drops
 * them in compaction.
 */
public class ReplayFilter extends RichFilterFunction<VerifiedEvent> {

    private static final long serialVersionUID = 1L;

    static final int CLEANUP_PER_ACCESS = 4;

    private final Duration window;

    private transient ValueState<Boolean> accepted;
    private transient Counter replays;

    public ReplayFilter(Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("replay window must be positive, got " + window);
        }
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor =
                new ValueStateDescriptor<>("accepted", Types.BOOLEAN);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(window)
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .cleanupIncrementally(CLEANUP_PER_ACCESS, false)
                        .cleanupFullSnapshot()
                        .build());
        accepted = getRuntimeContext().getState(descriptor);
        replays = getRuntimeContext().getMetricGroup().counter("replaysDropped");
    }

    @Override
    public boolean filter(VerifiedEvent event) throws Exception {
        if (accepted.value() != null) {
            replays.inc();
            return false;
        }
        accepted.update(Boolean.TRUE);
        return true;
    }
}
