package io.cere.stack.storage.node.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * What a storage node has done, rendered as Prometheus text on {@code GET /metrics}: requests by
 * operation and status with latency histograms, bytes stored and moved, shards found corrupt
 * (bitrot) or missing, and repairs. Thread-safe; counters never block.
 *
 * <p>Counters of failures and repairs are printed from the start (zero until something happens), so
 * alerts on their rates are defined before the first incident.
 */
public final class NodeMetrics {

    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z0-9_]*");

    private final Map<String, Map<Integer, LongAdder>> requests = new ConcurrentSkipListMap<>();
    private final Map<String, LatencyHistogram> latencies = new ConcurrentSkipListMap<>();
    private final LongAdder blobBytesWritten = new LongAdder();
    private final LongAdder blobBytesRead = new LongAdder();
    private final Map<RepairSource, LongAdder> bitrotFound = counters();
    private final Map<RepairSource, LongAdder> repaired = counters();
    private final Map<RepairSource, LongAdder> repairsFailed = counters();
    private final LongAdder shardsMissing = new LongAdder();
    private final LongAdder scrubPasses = new LongAdder();
    private final LongAdder scrubbedShards = new LongAdder();
    private final Map<String, Gauge> gauges = new ConcurrentSkipListMap<>();

    /**
     * One request answered: {@code operation} is a short name such as {@code cas_get}, {@code
     * status} the HTTP status sent.
     */
    public void request(String operation, int status, long nanos) {
        if (!OPERATION.matcher(operation).matches()) {
            throw new IllegalArgumentException(
                    "operation is '" + operation + "'; expected lower-case letters, digits, '_'");
        }
        requests.computeIfAbsent(operation, op -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
        latencies.computeIfAbsent(operation, op -> new LatencyHistogram()).observe(nanos);
    }

    /** Bytes of blobs accepted through this node (before coding). */
    public void blobBytesWritten(long bytes) {
        blobBytesWritten.add(bytes);
    }

    /** Bytes of blobs delivered through this node. */
    public void blobBytesRead(long bytes) {
        blobBytesRead.add(bytes);
    }

    /** A local shard whose bytes no longer matched its CID. */
    public void bitrotFound(RepairSource source) {
        bitrotFound.get(source).increment();
    }

    /** A shard a read expected on a node that did not have it. */
    public void shardMissing() {
        shardsMissing.increment();
    }

    public void repaired(RepairSource source) {
        repaired.get(source).increment();
    }

    public void repairFailed(RepairSource source) {
        repairsFailed.get(source).increment();
    }

    /** A scrub pass over every local shard finished, having checked {@code shards} of them. */
    public void scrubPass(long shards) {
        scrubPasses.increment();
        scrubbedShards.add(shards);
    }

    /** A value read when the metrics are rendered, such as the bytes of shards on disk. */
    public void gauge(String name, String help, LongSupplier value) {
        Objects.requireNonNull(value, "value");
        gauges.put(name, new Gauge(help, value));
    }

    public long repairs(RepairSource source) {
        return repaired.get(source).sum();
    }

    public long bitrot(RepairSource source) {
        return bitrotFound.get(source).sum();
    }

    /** Shards reads expected on a node that did not have them. */
    public long shardsMissing() {
        return shardsMissing.sum();
    }

    /** Requests of {@code operation} answered with {@code status}. */
    public long requests(String operation, int status) {
        Map<Integer, LongAdder> byStatus = requests.get(operation);
        LongAdder count = byStatus == null ? null : byStatus.get(status);
        return count == null ? 0 : count.sum();
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    public String prometheusText() {
        StringBuilder out = new StringBuilder(4096);
        header(
                out,
                "cere_storage_requests_total",
                "Requests answered, by operation and HTTP status.",
                "counter");
        requests.forEach(
                (operation, byStatus) ->
                        byStatus.forEach(
                                (status, count) ->
                                        out.append("cere_storage_requests_total{op=\"")
                                                .append(operation)
                                                .append("\",status=\"")
                                                .append(status)
                                                .append("\"} ")
                                                .append(count.sum())
                                                .append('\n')));
        header(
                out,
                "cere_storage_request_duration_seconds",
                "Time from a request's arrival to its answer, by operation.",
                "histogram");
        latencies.forEach(
                (operation, histogram) ->
                        histogram.render(
                                out,
                                "cere_storage_request_duration_seconds",
                                "op=\"" + operation + "\""));
        counter(
                out,
                "cere_storage_blob_bytes_written_total",
                "Bytes of blobs stored through this node, before erasure coding.",
                blobBytesWritten.sum());
        counter(
                out,
                "cere_storage_blob_bytes_read_total",
                "Bytes of blobs delivered through this node.",
                blobBytesRead.sum());
        bySource(
                out,
                "cere_storage_bitrot_found_total",
                "Local shards whose bytes no longer matched their CID; each was quarantined.",
                bitrotFound);
        counter(
                out,
                "cere_storage_shards_missing_total",
                "Shards a read expected on a reachable node that did not have them.",
                shardsMissing.sum());
        bySource(
                out,
                "cere_storage_repairs_total",
                "Shards rebuilt from the others of their segment and written back to their node.",
                repaired);
        bySource(
                out,
                "cere_storage_repair_failures_total",
                "Repairs that could not be done (too few healthy shards, or the node unreachable).",
                repairsFailed);
        counter(
                out,
                "cere_storage_scrub_passes_total",
                "Completed scrub passes.",
                scrubPasses.sum());
        counter(
                out,
                "cere_storage_scrubbed_shards_total",
                "Local shards rehashed by the scrubber.",
                scrubbedShards.sum());
        gauges.forEach(
                (name, gauge) -> {
                    header(out, name, gauge.help(), "gauge");
                    out.append(name).append(' ').append(gauge.value().getAsLong()).append('\n');
                });
        return out.toString();
    }

    private static Map<RepairSource, LongAdder> counters() {
        Map<RepairSource, LongAdder> counters = new ConcurrentHashMap<>();
        for (RepairSource source : RepairSource.values()) {
            counters.put(source, new LongAdder());
        }
        return counters;
    }

    private static void bySource(
            StringBuilder out, String name, String help, Map<RepairSource, LongAdder> counters) {
        header(out, name, help, "counter");
        for (RepairSource source : RepairSource.values()) {
            out.append(name)
                    .append("{source=\"")
                    .append(source.label())
                    .append("\"} ")
                    .append(counters.get(source).sum())
                    .append('\n');
        }
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private record Gauge(String help, LongSupplier value) {}
}
