package io.cere.stack.bench;

import io.cere.stack.bench.StorageBenchReport.Measurement;
import io.cere.stack.servers.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The storage cluster against a single-node S3 server, on loopback, with the same client: a cluster
 * of 6 nodes (4+2), each in its own JVM, next to S3Proxy on the file system in its own JVM, both
 * running for the whole run.
 *
 * <p>Each server is warmed up first: its JVMs compile their request paths under load, which for six
 * node JVMs sharing two cores takes minutes of GETs (a cluster's GET rate rose for two minutes,
 * from 42 to about 255 requests/s, then held). Then each phase ({@link StoragePhase}) runs against
 * the baseline and then the cluster before the next phase starts, so that the load of the shared
 * machine drifts over both alike: PUT each 64 KiB object once, GET 64 KiB objects at random for the
 * phase length from four clients and then from one (latency without queueing), the same for 16 MiB
 * objects. Every GET's bytes are compared with what was put.
 *
 * <p>{@code bench/run storage [--objects 1000] [--seconds 8] [--warmup-seconds 180] [--seed 42]}
 */
public final class StorageClusterBench {

    static final String BUCKET = "bench";
    static final int NODES = 6;
    static final int DATA_SHARDS = 4;
    static final int PARITY_SHARDS = 2;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final StorageBenchOptions options;

    private StorageClusterBench(StorageBenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        StorageBenchOptions options;
        try {
            options = StorageBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new StorageClusterBench(options).run() ? 0 : 1);
    }

    /** Runs everything and prints the report; false when any request failed or read wrong bytes. */
    private boolean run() throws Exception {
        long seed = options.seed();
        Duration length = options.phaseLength();
        System.out.printf(
                Locale.ROOT,
                "Storage benchmark: %d client threads; %d x 64 KiB and %d x 16 MiB objects per"
                        + " server (seed %d); GET phases %d s, PUT phases at most %d s;"
                        + " %d cores, load average %s%n",
                StorageBenchOptions.THREADS,
                options.smallObjects(),
                options.largeObjects(),
                seed,
                length.toSeconds(),
                length.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        ObjectSet small =
                ObjectSet.generate(
                        "small/", options.smallObjects(), StorageBenchOptions.SMALL_SIZE, seed);
        ObjectSet large =
                ObjectSet.generate(
                        "large/", options.largeObjects(), StorageBenchOptions.LARGE_SIZE, seed + 1);
        ObjectSet warmSmall =
                ObjectSet.generate(
                        "warmup-small/",
                        options.warmupSmallObjects(),
                        StorageBenchOptions.SMALL_SIZE,
                        seed + 2);
        ObjectSet warmLarge =
                ObjectSet.generate(
                        "warmup-large/",
                        options.warmupLargeObjects(),
                        StorageBenchOptions.LARGE_SIZE,
                        seed + 3);

        Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Path dir = Files.createTempDirectory(tmp, "storage-bench-");
        S3AccessKey key = S3AccessKey.random("cere-bench");
        StorageBenchReport report;
        Map<ServerJvm, Long> jvmCpu;
        long begin = System.nanoTime();
        try (S3ProxyServer baseline =
                        S3ProxyServer.launch(dir.resolve("s3proxy"), key, START_TIMEOUT);
                StorageClusterUnderTest cluster =
                        StorageClusterUnderTest.launch(
                                dir.resolve("cluster"),
                                key,
                                NODES,
                                DATA_SHARDS,
                                PARITY_SHARDS,
                                START_TIMEOUT)) {
            baseline.awaitReady();
            cluster.awaitReady();
            progress("servers ready in %.1f s", seconds(System.nanoTime() - begin));
            List<S3UnderTest> servers = List.of(baseline, cluster);
            report = new StorageBenchReport(baseline, cluster);
            List<S3Load> loads = new ArrayList<>();
            List<S3Load> oneClientLoads = new ArrayList<>();
            try {
                for (S3UnderTest server : servers) {
                    S3Load load = new S3Load(server, key, StorageBenchOptions.THREADS, BUCKET);
                    loads.add(load);
                    oneClientLoads.add(new S3Load(server, key, 1, BUCKET));
                    load.createBucket(Duration.ofSeconds(30));
                }
                for (int s = 0; s < servers.size(); s++) {
                    warmUp(servers.get(s), loads.get(s), warmSmall, warmLarge);
                }
                jvmCpu = measure(servers, loads, oneClientLoads, report, small, large);
            } finally {
                loads.forEach(S3Load::close);
                oneClientLoads.forEach(S3Load::close);
            }
        }
        System.out.println();
        System.out.print(report.markdown());
        System.out.println();
        System.out.println(report.targetCheck());
        System.out.println(cpuLine(jvmCpu));
        System.out.printf(
                Locale.ROOT,
                "Total %.0f s; load average at the end %s. MB = 10^6 bytes. Ratios are cluster"
                        + " over baseline: above 1, the cluster moves more per second, takes"
                        + " longer per request, or spends more CPU per MB. Client thread t uses"
                        + " node t %% %d. The cluster fsyncs every shard before it answers a PUT;"
                        + " S3Proxy's file system store does not fsync.%n",
                seconds(System.nanoTime() - begin),
                loadAverage(),
                NODES);
        if (report.hasFailures()) {
            System.out.println("Some requests failed or read wrong bytes: logs are kept in " + dir);
            return false;
        }
        Directories.deleteRecursively(dir);
        return true;
    }

    /**
     * Each phase against every server in turn, each server's GETs reading what its PUTs stored.
     * Returns the CPU time each JVM, the client's included, used over all of it.
     */
    private Map<ServerJvm, Long> measure(
            List<S3UnderTest> servers,
            List<S3Load> loads,
            List<S3Load> oneClientLoads,
            StorageBenchReport report,
            ObjectSet small,
            ObjectSet large)
            throws InterruptedException {
        List<ServerJvm> jvms = new ArrayList<>();
        servers.forEach(server -> jvms.addAll(server.jvms()));
        jvms.add(new ServerJvm("client", ProcessHandle.current().pid()));
        Map<ServerJvm, Long> cpuBefore = cpuOf(jvms);
        List<int[]> stored = new ArrayList<>();
        servers.forEach(server -> stored.add(new int[0]));
        for (StoragePhase phase : StoragePhase.values()) {
            for (int s = 0; s < servers.size(); s++) {
                S3UnderTest server = servers.get(s);
                OptionalLong cpuAtStart = server.cpuNanos();
                PhaseResult result =
                        runPhase(
                                phase,
                                loads.get(s),
                                oneClientLoads.get(s),
                                small,
                                large,
                                stored.get(s));
                OptionalLong cpuAtEnd = server.cpuNanos();
                if (phase == StoragePhase.PUT_SMALL || phase == StoragePhase.PUT_LARGE) {
                    stored.set(s, result.succeeded());
                }
                report.add(
                        server, phase, new Measurement(result, difference(cpuAtStart, cpuAtEnd)));
                progress(
                        "%s, %s: %.1f MB/s, %d requests, %d failed, %d wrong bytes%s",
                        phase.label(),
                        server.description(),
                        result.megabytesPerSecond(),
                        result.requests(),
                        result.errors(),
                        result.mismatches(),
                        result.firstError() == null
                                ? ""
                                : "; first failure: " + result.firstError());
            }
        }
        Map<ServerJvm, Long> cpuAfter = cpuOf(jvms);
        Map<ServerJvm, Long> used = new LinkedHashMap<>();
        cpuBefore.forEach(
                (jvm, before) -> {
                    if (cpuAfter.containsKey(jvm)) {
                        used.put(jvm, cpuAfter.get(jvm) - before);
                    }
                });
        return used;
    }

    /**
     * The four phases against one server with objects of their own, untimed, so that the server's
     * and the client's request paths are compiled before anything counts.
     */
    private void warmUp(S3UnderTest server, S3Load load, ObjectSet small, ObjectSet large)
            throws InterruptedException {
        Duration length = options.phaseLength();
        Duration half = Duration.ofMillis(Math.max(2000, length.toMillis() / 2));
        long begin = System.nanoTime();
        List<PhaseResult> results = new ArrayList<>();
        PhaseResult putSmall = load.put(small, length);
        results.add(putSmall);
        if (putSmall.succeeded().length > 0) {
            results.add(
                    load.get(small, putSmall.succeeded(), options.warmupLength(), options.seed()));
        }
        PhaseResult putLarge = load.put(large, length);
        results.add(putLarge);
        if (putLarge.succeeded().length > 0) {
            results.add(
                    load.get(
                            large,
                            putLarge.succeeded(),
                            Duration.ofMillis(half.toMillis() / 2),
                            options.seed()));
        }
        long failed = results.stream().mapToLong(r -> r.errors() + r.mismatches()).sum();
        String firstError =
                results.stream()
                        .map(PhaseResult::firstError)
                        .filter(e -> e != null)
                        .findFirst()
                        .orElse("");
        progress(
                "warmed up %s in %.1f s%s",
                server.description(),
                seconds(System.nanoTime() - begin),
                failed == 0
                        ? ""
                        : "; " + failed + " requests failed or read wrong bytes: " + firstError);
    }

    private PhaseResult runPhase(
            StoragePhase phase,
            S3Load load,
            S3Load oneClient,
            ObjectSet small,
            ObjectSet large,
            int[] stored)
            throws InterruptedException {
        Duration length = options.phaseLength();
        return switch (phase) {
            case PUT_SMALL -> load.put(small, length);
            case GET_SMALL -> load.get(small, stored, length, options.seed());
            case GET_SMALL_ONE_CLIENT -> oneClient.get(small, stored, length, options.seed());
            case PUT_LARGE -> load.put(large, length);
            case GET_LARGE -> load.get(large, stored, length, options.seed());
        };
    }

    private static Map<ServerJvm, Long> cpuOf(List<ServerJvm> jvms) {
        Map<ServerJvm, Long> cpu = new LinkedHashMap<>();
        for (ServerJvm jvm : jvms) {
            jvm.cpuNanos().ifPresent(nanos -> cpu.put(jvm, nanos));
        }
        return cpu;
    }

    private static String cpuLine(Map<ServerJvm, Long> jvmCpu) {
        if (jvmCpu.isEmpty()) {
            return "CPU per JVM: not available (no /proc)";
        }
        List<String> parts = new ArrayList<>();
        jvmCpu.forEach(
                (jvm, nanos) ->
                        parts.add(
                                String.format(
                                        Locale.ROOT, "%s %.1f s", jvm.name(), seconds(nanos))));
        return "CPU per JVM over the timed phases: "
                + String.join(", ", parts)
                + " (the client: "
                + StorageBenchOptions.THREADS
                + " threads)";
    }

    private static OptionalLong difference(OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent()
                ? OptionalLong.of(after.getAsLong() - before.getAsLong())
                : OptionalLong.empty();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void progress(String format, Object... args) {
        System.out.println("  " + String.format(Locale.ROOT, format, args));
    }
}
