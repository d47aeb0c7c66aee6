package io.cere.stack.functions.ingest;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops replays: an event whose {@code (appId, id)} was already accepted within the replay window.
 * Keyed by {@link VerifiedEvent#replayKey()}.
 *
 * <p>The window is enforced with a processing-time timer per key rather than Flink's state TTL: the
 * heap backend only cleans expired TTL entries when they are touched again, and most event ids are
 * never seen twice, so TTL state would grow for ever there. A timer clears each key exactly when
 * its window ends, on every backend, and makes the drain observable in tests.
 */
public class ReplayFilter extends KeyedProcessFunction<String, VerifiedEvent, VerifiedEvent> {

    private static final long serialVersionUID = 1L;

    private final long windowMillis;

    private transient ValueState<Long> acceptedAt;
    private transient Counter replays;

    public ReplayFilter(Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("replay window must be positive, got " + window);
        }
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        acceptedAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("accepted-at", Types.LONG));
        replays = getRuntimeContext().getMetricGroup().counter("replaysDropped");
    }

    @Override
    public void processElement(VerifiedEvent event, Context ctx, Collector<VerifiedEvent> out)
            throws Exception {
        if (acceptedAt.value() != null) {
            replays.inc();
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        acceptedAt.update(now);
        ctx.timerService().registerProcessingTimeTimer(now + windowMillis);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerifiedEvent> out) {
        acceptedAt.clear();
    }
}
