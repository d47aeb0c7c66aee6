package io.cere.stack.bench;

import io.cere.stack.jobs.ingest.IngestJob;
import io.cere.stack.jobs.ingest.IngestOptions;
import io.cere.stack.schemas.avro.EnrichedEvent;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.EventEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * IngestJob throughput, Kafka to Kafka, on this machine: a real broker in its own JVM, the job on a
 * local MiniCluster at the given parallelism, envelopes produced up front. The rate is events over
 * the span of their {@code ingestedAt} times, so job start-up is not counted. The baseline is
 * Bouncy Castle's verify rate on one core, measured in the same run.
 *
 * <p>{@code bench/run ingest [--single 200000] [--warmup-single 150000] [--batches 10000]
 * [--parallelism 2] [--single-only | --batch-only | --plumbing-only] [--no-plumbing]}
 */
public final class IngestThroughputBench {

    /** Bytes and count of the records the last run read back from its output topic. */
    private static final long[] validBytes = new long[2];

    private IngestThroughputBench() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        int singles = params.getInt("single", 200_000);
        int batches = params.getInt("batches", 10_000);
        int parallelism = params.getInt("parallelism", 2);
        String checkpointInterval = params.get("checkpoint-interval", "500 ms");
        boolean runSingle = !params.has("batch-only") && !params.has("plumbing-only");
        boolean runBatch = !params.has("single-only") && !params.has("plumbing-only");
        Path dataDir =
                Files.createDirectories(Path.of(params.get("data-dir", "bench/target/bench-data")))
                        .resolve("ingest-" + System.currentTimeMillis());

        double verifyPerCore = verifyRatePerCore(Duration.ofSeconds(5));
        System.out.printf(Locale.ROOT, "Bouncy Castle verify: %.0f/s on one core%n", verifyPerCore);

        SignedEnvelopes envelopes = new SignedEnvelopes(16);
        try (BenchKafka kafka = new BenchKafka(dataDir.resolve("kafka"))) {
            Path checkpoints = dataDir.resolve("checkpoints");
            int warmupSingles = params.getInt("warmup-single", 150_000);
            int warmupBatches = params.getInt("warmup-batches", 1_000);
            double single =
                    !runSingle
                            ? 0
                            : warmThenRun(
                                    kafka,
                                    "single",
                                    n -> envelopes.singles(n, Instant.now()),
                                    singles,
                                    1,
                                    warmupSingles,
                                    parallelism,
                                    checkpointInterval,
                                    checkpoints);
            double batch =
                    !runBatch
                            ? 0
                            : warmThenRun(
                                    kafka,
                                    "batch",
                                    n -> envelopes.batches(n, 100, Instant.now()),
                                    batches,
                                    100,
                                    warmupBatches,
                                    parallelism,
                                    checkpointInterval,
                                    checkpoints);

            double plumbing =
                    !(runBatch || params.has("plumbing-only")) || params.has("no-plumbing")
                            ? 0
                            : run(
                                    PLUMBING,
                                    kafka,
                                    "plumbing",
                                    envelopes.batches(batches, 100, Instant.now()),
                                    batches * 100L,
                                    parallelism,
                                    checkpointInterval,
                                    checkpoints);

            double kafkaOnly = 0;
            if (plumbing > 0) {
                String raw = "ceiling.raw";
                kafka.createTopics(Map.of(raw, parallelism, "ceiling.valid", parallelism));
                kafka.produceEnvelopes(raw, envelopes.batches(batches, 100, Instant.now()));
                kafkaOnly =
                        KafkaOnlyCeiling.run(
                                kafka,
                                raw,
                                "ceiling.valid",
                                batches,
                                100,
                                (int) (validBytes[0] / Math.max(1, validBytes[1])),
                                TimeUtils.parseDuration(checkpointInterval));
                System.out.printf(
                        Locale.ROOT,
                        "Kafka-only ceiling: %d events of %d bytes: %.0f events/s%n",
                        batches * 100L,
                        validBytes[0] / Math.max(1, validBytes[1]),
                        kafkaOnly);
            }

            double singleTarget = 0.8 * verifyPerCore * parallelism;
            StringBuilder md = new StringBuilder();
            md.append("| run | events | parallelism | events/s | baseline | target | result |\n")
                    .append("|---|---:|---:|---:|---|---:|---|\n");
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| single events | %d | %d | %.0f | BC verify %.0f/s/core | %.0f (0.8 x %d cores x verify) | %.2f x verify rate/core/slot, %s |\n",
                            singles,
                            parallelism,
                            single,
                            verifyPerCore,
                            singleTarget,
                            parallelism,
                            single / (verifyPerCore * parallelism),
                            single >= singleTarget ? "met" : "NOT met"));
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| batch events (100/envelope) | %d | %d | %.0f | BC verify %.0f/s/core | 150000 | %.2f x target, %s |\n",
                            batches * 100L,
                            parallelism,
                            batch,
                            verifyPerCore,
                            batch / 150_000.0,
                            batch >= 150_000 ? "met" : "NOT met"));
            if (plumbing > 0) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| plumbing baseline: batch events, verification left out | %d | %d | %.0f | | 150000 | %.2f x target; IngestJob reached %.2f x this |\n",
                                batches * 100L,
                                parallelism,
                                plumbing,
                                plumbing / 150_000.0,
                                batch / plumbing));
            }
            if (kafkaOnly > 0) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| Kafka-only ceiling: read envelopes, write 100 records each, commit a transaction every %s; no Flink | %d | 1 thread | %.0f | | 150000 | %.2f x target |\n",
                                checkpointInterval,
                                batches * 100L,
                                kafkaOnly,
                                kafkaOnly / 150_000.0));
            }
            System.out.println();
            System.out.print(md);
        }
        // Flink and Kafka client threads that outlive their jobs must not keep the JVM alive.
        System.exit(0);
    }

    /**
     * A warm-up run on topics of its own first: both JVMs (this one and the broker's) compile their
     * hot paths in the first tens of seconds, and a short run would measure the compiler.
     */
    private static double warmThenRun(
            BenchKafka kafka,
            String name,
            IntFunction<List<byte[]>> envelopes,
            int count,
            int eventsPerEnvelope,
            int warmupCount,
            int parallelism,
            String checkpointInterval,
            Path checkpoints)
            throws Exception {
        if (warmupCount > 0) {
            run(
                    kafka,
                    name + "-warmup",
                    envelopes.apply(warmupCount),
                    (long) warmupCount * eventsPerEnvelope,
                    parallelism,
                    checkpointInterval,
                    checkpoints);
        }
        return run(
                kafka,
                name,
                envelopes.apply(count),
                (long) count * eventsPerEnvelope,
                parallelism,
                checkpointInterval,
                checkpoints);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double verifyRatePerCore(Duration duration) throws Exception {
        SignedEnvelopes envelopes = new SignedEnvelopes(1);
        EventEnvelope parsed = new EnvelopeParser().parse(envelopes.single(Instant.now()));
        byte[] key = parsed.publicKey();
        byte[] message = parsed.signedContent();
        byte[] signature = parsed.signature();
        long warmEnd = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < warmEnd) {
            Ed25519.verify(key, message, signature);
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            if (!Ed25519.verify(key, message, signature)) {
                throw new IllegalStateException("baseline signature does not verify");
            }
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** How a run puts its job together. */
    private interface Job {
        void addTo(StreamExecutionEnvironment env, IngestOptions options);
    }

    /** IngestJob itself. */
    private static final Job INGEST_JOB = IngestJob::addTo;

    /**
     * The plumbing baseline: IngestJob's source, replay state, enrichment, routing and exactly-once
     * sink, with verification replaced by {@link UnverifiedSplit}. What it reaches is the most
     * IngestJob could reach on this machine if parsing and verifying cost nothing.
     */
    private static final Job PLUMBING =
            (env, options) -> {
                IngestJob.configure(env, options);
                IngestJob.acceptVerified(
                                env.fromSource(
                                                IngestJob.source(options),
                                                WatermarkStrategy.noWatermarks(),
                                                "events.raw")
                                        .uid("ingest-source")
                                        .flatMap(new UnverifiedSplit())
                                        .name("Split without verifying"),
                                options)
                        .sinkTo(IngestJob.validSink(options))
                        .name("Write " + options.validTopic());
            };

    private static double run(
            BenchKafka kafka,
            String name,
            List<byte[]> envelopes,
            long expected,
            int parallelism,
            String checkpointInterval,
            Path checkpoints)
            throws Exception {
        return run(
                INGEST_JOB,
                kafka,
                name,
                envelopes,
                expected,
                parallelism,
                checkpointInterval,
                checkpoints);
    }

    private static double run(
            Job jobToRun,
            BenchKafka kafka,
            String name,
            List<byte[]> envelopes,
            long expected,
            int parallelism,
            String checkpointInterval,
            Path checkpoints)
            throws Exception {
        String raw = name + ".raw";
        String valid = name + ".valid";
        kafka.createTopics(Map.of(raw, parallelism, valid, parallelism, name + ".rejected", 1));
        long bytes = envelopes.stream().mapToLong(e -> e.length).sum();
        kafka.produceEnvelopes(raw, envelopes);
        System.out.printf(
                Locale.ROOT,
                "%s: %d envelopes (%d events, %.1f MB) on %s%n",
                name,
                envelopes.size(),
                expected,
                bytes / 1e6,
                raw);

        Map<String, String> options = new HashMap<>();
        options.put(IngestOptions.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        options.put(IngestOptions.RAW_TOPIC.key(), raw);
        options.put(IngestOptions.VALID_TOPIC.key(), valid);
        options.put(IngestOptions.REJECTED_TOPIC.key(), name + ".rejected");
        options.put(IngestOptions.CONSUMER_GROUP.key(), name + ".ingest");
        options.put(IngestOptions.TRANSACTIONAL_ID_PREFIX.key(), name + ".ingest");
        options.put(IngestOptions.CHECKPOINT_INTERVAL.key(), checkpointInterval);
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        // As the local stack does: heap state, checkpoints on local disk.
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        env.setParallelism(parallelism);
        jobToRun.addTo(env, IngestOptions.fromMap(options));
        long started = System.nanoTime();
        long jvmCpuBefore = processCpuNanos();
        long brokerCpuBefore = kafka.brokerCpuNanos();
        JobClient job = env.executeAsync("IngestJob " + name);
        try (KafkaConsumer<byte[], byte[]> reader = kafka.committedReader()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long count;
            while ((count = kafka.committedCount(reader, valid)) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            name + ": only " + count + " of " + expected + " events arrived");
                }
                Thread.sleep(1000);
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double jvmCpu = (processCpuNanos() - jvmCpuBefore) / 1e9;
        double brokerCpu = (kafka.brokerCpuNanos() - brokerCpuBefore) / 1e9;
        BenchJobs.cancelAndAwait(job);

        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        validBytes[0] = 0;
        validBytes[1] = 0;
        kafka.readAll(
                valid,
                expected,
                Duration.ofMinutes(5),
                r -> {
                    validBytes[0] += r.value().length;
                    validBytes[1]++;
                    try {
                        long t =
                                EnrichedEvent.getDecoder()
                                        .decode(r.value())
                                        .getIngestedAt()
                                        .toEpochMilli();
                        span[0] = Math.min(span[0], t);
                        span[1] = Math.max(span[1], t);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        double seconds = Math.max(1, span[1] - span[0]) / 1000.0;
        double rate = expected / seconds;
        System.out.printf(
                Locale.ROOT,
                "%s: %d events in %.2f s of processing (%.2f s wall incl. start-up): %.0f events/s;"
                        + " CPU while running: this JVM %.1f s, broker %.1f s; parallelism %d,"
                        + " checkpoints every %s%n",
                name,
                expected,
                seconds,
                wall,
                rate,
                jvmCpu,
                brokerCpu,
                parallelism,
                checkpointInterval);
        return rate;
    }
}
