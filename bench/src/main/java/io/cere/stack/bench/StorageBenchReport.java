package io.cere.stack.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * The storage benchmark's results as Markdown: one column per server, the cluster's figures over
 * the baseline's, and the cluster's latency target.
 */
final class StorageBenchReport {

    /** The target for the cluster's 64 KiB GETs. */
    static final double TARGET_P50_MILLIS = 5;

    static final double TARGET_P99_MILLIS = 20;

    /** One phase against one server: what the requests achieved and the server's CPU time. */
    record Measurement(PhaseResult result, OptionalLong serverCpuNanos) {}

    private final S3UnderTest baseline;
    private final S3UnderTest cluster;
    private final Map<StoragePhase, Measurement> baselineResults =
            new EnumMap<>(StoragePhase.class);
    private final Map<StoragePhase, Measurement> clusterResults = new EnumMap<>(StoragePhase.class);

    StorageBenchReport(S3UnderTest baseline, S3UnderTest cluster) {
        this.baseline = baseline;
        this.cluster = cluster;
    }

    void add(S3UnderTest server, StoragePhase phase, Measurement measurement) {
        if (server == baseline) {
            baselineResults.put(phase, measurement);
        } else if (server == cluster) {
            clusterResults.put(phase, measurement);
        } else {
            throw new IllegalArgumentException(server.description() + " is not in this report");
        }
    }

    /** Wrong bytes or failed requests in any phase on either server. */
    boolean hasFailures() {
        return totals(baselineResults, PhaseResult::errors) > 0
                || totals(clusterResults, PhaseResult::errors) > 0
                || totals(baselineResults, PhaseResult::mismatches) > 0
                || totals(clusterResults, PhaseResult::mismatches) > 0;
    }

    String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "| | baseline: "
                        + baseline.description()
                        + " | cluster: "
                        + cluster.description()
                        + " | cluster / baseline |");
        lines.add("|---|---:|---:|---:|");
        for (StoragePhase phase : StoragePhase.values()) {
            lines.add(row(phase.label() + ", MB/s", phase, r -> r.megabytesPerSecond(), "%.1f"));
        }
        lines.add(
                row(
                        "GET 64 KiB latency p50, ms",
                        StoragePhase.GET_SMALL,
                        r -> r.latencies().percentileMillis(50),
                        "%.2f"));
        lines.add(
                row(
                        "GET 64 KiB latency p99, ms",
                        StoragePhase.GET_SMALL,
                        r -> r.latencies().percentileMillis(99),
                        "%.2f"));
        lines.add(
                row(
                        "GET 64 KiB latency max, ms",
                        StoragePhase.GET_SMALL,
                        r -> r.latencies().maxMillis(),
                        "%.2f"));
        lines.add(
                row(
                        "GET 64 KiB latency p50, one client, ms",
                        StoragePhase.GET_SMALL_ONE_CLIENT,
                        r -> r.latencies().percentileMillis(50),
                        "%.2f"));
        lines.add(
                row(
                        "GET 64 KiB latency p99, one client, ms",
                        StoragePhase.GET_SMALL_ONE_CLIENT,
                        r -> r.latencies().percentileMillis(99),
                        "%.2f"));
        lines.add(
                row(
                        "PUT 64 KiB latency p50, ms",
                        StoragePhase.PUT_SMALL,
                        r -> r.latencies().percentileMillis(50),
                        "%.2f"));
        lines.add(
                row(
                        "PUT 64 KiB latency p99, ms",
                        StoragePhase.PUT_SMALL,
                        r -> r.latencies().percentileMillis(99),
                        "%.2f"));
        for (StoragePhase phase : StoragePhase.values()) {
            lines.add(cpuRow(phase));
        }
        lines.add(
                countRow(
                        "requests (PUT 64 KiB / GET 64 KiB / GET 64 KiB, one client / PUT 16 MiB"
                                + " / GET 16 MiB)",
                        r -> r.requests()));
        lines.add(countRow("failed requests (same order)", r -> r.errors()));
        lines.add(countRow("GETs with wrong bytes (same order)", r -> r.mismatches()));
        return String.join("\n", lines) + "\n";
    }

    /**
     * Whether the cluster met the 64 KiB GET latency target, as one line: the latency of a request
     * (one client, nothing queued ahead of it), not of a queue.
     */
    String targetCheck() {
        Measurement get = clusterResults.get(StoragePhase.GET_SMALL_ONE_CLIENT);
        if (get == null) {
            return "Target (cluster, 64 KiB GET p50 <= 5 ms, p99 <= 20 ms): not measured";
        }
        double p50 = get.result().latencies().percentileMillis(50);
        double p99 = get.result().latencies().percentileMillis(99);
        boolean clean = get.result().errors() == 0 && get.result().mismatches() == 0;
        return String.format(
                Locale.ROOT,
                "Target (cluster, 64 KiB GET, one client): p50 %.2f ms <= %.0f ms: %s; p99 %.2f ms"
                        + " <= %.0f ms:"
                        + " %s%s",
                p50,
                TARGET_P50_MILLIS,
                p50 <= TARGET_P50_MILLIS && clean ? "met" : "MISSED",
                p99,
                TARGET_P99_MILLIS,
                p99 <= TARGET_P99_MILLIS && clean ? "met" : "MISSED",
                clean ? "" : " (the phase had failed requests or wrong bytes)");
    }

    private String row(
            String label, StoragePhase phase, ToDoubleFunction<PhaseResult> figure, String format) {
        double base = value(baselineResults, phase, figure);
        double ours = value(clusterResults, phase, figure);
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |",
                label,
                format(format, base),
                format(format, ours),
                ratio(ours, base));
    }

    /** Server CPU (all its JVMs) per MB of objects moved: what each byte costs the server. */
    private String cpuRow(StoragePhase phase) {
        double base = cpuMillisPerMegabyte(baselineResults.get(phase));
        double ours = cpuMillisPerMegabyte(clusterResults.get(phase));
        return String.format(
                Locale.ROOT,
                "| server CPU, %s, ms per MB | %s | %s | %s |",
                phase.label(),
                format("%.1f", base),
                format("%.1f", ours),
                ratio(ours, base));
    }

    private String countRow(String label, ToDoubleFunction<PhaseResult> count) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | |",
                label,
                counts(baselineResults, count),
                counts(clusterResults, count));
    }

    private static String counts(
            Map<StoragePhase, Measurement> results, ToDoubleFunction<PhaseResult> count) {
        List<String> parts = new ArrayList<>();
        for (StoragePhase phase : StoragePhase.values()) {
            Measurement m = results.get(phase);
            parts.add(m == null ? "-" : String.format("%.0f", count.applyAsDouble(m.result())));
        }
        return String.join(" / ", parts);
    }

    private static double cpuMillisPerMegabyte(Measurement m) {
        if (m == null || m.serverCpuNanos().isEmpty() || m.result().bytes() == 0) {
            return Double.NaN;
        }
        return m.serverCpuNanos().getAsLong() / 1e6 / (m.result().bytes() / 1e6);
    }

    private static double value(
            Map<StoragePhase, Measurement> results,
            StoragePhase phase,
            ToDoubleFunction<PhaseResult> figure) {
        Measurement m = results.get(phase);
        return m == null ? Double.NaN : figure.applyAsDouble(m.result());
    }

    private static long totals(
            Map<StoragePhase, Measurement> results, ToDoubleFunction<PhaseResult> count) {
        return (long)
                results.values().stream().mapToDouble(m -> count.applyAsDouble(m.result())).sum();
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static String ratio(double ours, double base) {
        if (Double.isNaN(ours) || Double.isNaN(base) || base == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", ours / base);
    }
}
