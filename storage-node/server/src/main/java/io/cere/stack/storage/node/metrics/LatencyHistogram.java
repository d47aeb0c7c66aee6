package io.cere.stack.storage.node.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Request latencies in fixed buckets, as a Prometheus histogram: cumulative counts per upper bound,
 * a sum and a count. Fixed buckets cost one array scan per observation and no locks, and aggregate
 * across nodes, which per-node quantiles would not.
 */
final class LatencyHistogram {

    /**
     * Upper bounds in seconds; tuned for a loopback cluster where a 64 KiB GET takes milliseconds.
     */
    static final double[] BOUNDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(long nanos) {
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
        sumNanos.add(nanos);
    }

    long count() {
        long total = 0;
        for (LongAdder count : counts) {
            total += count.sum();
        }
        return total;
    }

    /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines with {@code labels}. */
    void render(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i].sum();
            String le = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
            out.append(name)
                    .append("_bucket{")
                    .append(labels)
                    .append(",le=\"")
                    .append(le)
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
        }
        out.append(name)
                .append("_sum{")
                .append(labels)
                .append("} ")
                .append(sumNanos.sum() / 1e9)
                .append('\n');
        out.append(name)
                .append("_count{")
                .append(labels)
                .append("} ")
                .append(cumulative)
                .append('\n');
    }
}
