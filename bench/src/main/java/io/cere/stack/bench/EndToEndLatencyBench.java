package io.cere.stack.bench;

import io.cere.stack.gateway.EventGateway;
import io.cere.stack.gateway.GatewayOptions;
import io.cere.stack.jobs.ingest.IngestJob;
import io.cere.stack.jobs.ingest.IngestOptions;
import io.cere.stack.schemas.avro.EnrichedEvent;
import io.cere.stack.servers.FreePorts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end latency from {@code POST /events} to the event being readable on {@code events.valid}
 * by a {@code read_committed} consumer, at a steady rate, with IngestJob's exactly-once sinks. The
 * baseline, measured in the same run at the same rate, is Kafka alone: produce with {@code
 * acks=all} to a topic and read it back.
 *
 * <p>{@code bench/run latency [--rate 2000] [--seconds 30] [--checkpoint-interval 500ms]}
 */
public final class EndToEndLatencyBench {

    private static final int PER_REQUEST = 20;

    private EndToEndLatencyBench() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        int rate = params.getInt("rate", 2000);
        int seconds = params.getInt("seconds", 30);
        String checkpointInterval = params.get("checkpoint-interval", "500 ms");
        Path dataDir =
                Files.createDirectories(Path.of(params.get("data-dir", "bench/target/bench-data")))
                        .resolve("latency-" + System.currentTimeMillis());

        try (BenchKafka kafka = new BenchKafka(dataDir.resolve("kafka"))) {
            kafka.createTopics(
                    Map.of(
                            "events.raw",
                            2,
                            "events.valid",
                            2,
                            "events.rejected",
                            1,
                            "baseline",
                            2));

            long[] baseline = kafkaBaseline(kafka, rate, seconds);

            Map<String, String> options = new HashMap<>();
            options.put(IngestOptions.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
            options.put(IngestOptions.CHECKPOINT_INTERVAL.key(), checkpointInterval);
            Configuration conf = new Configuration();
            conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    dataDir.resolve("checkpoints").toUri().toString());
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(conf);
            env.setParallelism(2);
            IngestJob.addTo(env, IngestOptions.fromMap(options));
            JobClient job = env.executeAsync("IngestJob latency");

            long[] latencies;
            try (EventGateway gateway =
                    EventGateway.start(
                            GatewayOptions.builder()
                                    .port(FreePorts.pick())
                                    .bootstrapServers(kafka.bootstrapServers())
                                    .build())) {
                SignedEnvelopes envelopes = new SignedEnvelopes(16);
                // Warm up the whole path, then measure.
                postAndMeasure(
                        kafka,
                        gateway.uri().resolve("/events"),
                        envelopes,
                        rate,
                        10,
                        "events.valid");
                latencies =
                        postAndMeasure(
                                kafka,
                                gateway.uri().resolve("/events"),
                                envelopes,
                                rate,
                                seconds,
                                "events.valid");
            } finally {
                BenchJobs.cancelAndAwait(job);
            }

            System.out.println();
            System.out.println("| path | rate | events | p50 | p99 | max |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            System.out.println(
                    row(
                            "Kafka alone (baseline): produce acks=all -> read_committed",
                            rate,
                            baseline));
            System.out.println(
                    row(
                            "POST /events -> IngestJob (exactly-once, checkpoint "
                                    + checkpointInterval
                                    + ") -> read_committed",
                            rate,
                            latencies));
            System.out.printf(
                    Locale.ROOT,
                    "%np99 ratio to baseline: %.1f x; target p99 < 1000 ms: %s%n",
                    percentile(latencies, 99) / (double) Math.max(1, percentile(baseline, 99)),
                    percentile(latencies, 99) < 1000 ? "met" : "NOT met");
        }
        // Flink and Kafka client threads that outlive their jobs must not keep the JVM alive.
        System.exit(0);
    }

    private static String row(String path, int rate, long[] lat) {
        return String.format(
                Locale.ROOT,
                "| %s | %d/s | %d | %d ms | %d ms | %d ms |",
                path,
                rate,
                lat.length,
                percentile(lat, 50),
                percentile(lat, 99),
                lat.length == 0 ? 0 : lat[lat.length - 1]);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Sends {@code rate} events/s for {@code seconds} and returns the sorted latencies in ms. */
    private static long[] postAndMeasure(
            BenchKafka kafka,
            URI events,
            SignedEnvelopes envelopes,
            int rate,
            int seconds,
            String topic)
            throws Exception {
        int requests = rate * seconds / PER_REQUEST;
        List<byte[]> signed = envelopes.singles(requests * PER_REQUEST, Instant.now());
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latency = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);

        Thread reader =
                new Thread(
                        () -> {
                            try (KafkaConsumer<byte[], byte[]> consumer = kafka.committedReader()) {
                                consumer.subscribe(List.of(topic));
                                while (reading.get()) {
                                    for (ConsumerRecord<byte[], byte[]> r :
                                            consumer.poll(Duration.ofMillis(50))) {
                                        long now = System.nanoTime();
                                        String id =
                                                EnrichedEvent.getDecoder()
                                                        .decode(r.value())
                                                        .getId();
                                        Long sent = sentAt.get(id);
                                        if (sent != null) {
                                            latency.put(id, (now - sent) / 1_000_000);
                                        }
                                    }
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "latency-reader");
        reader.start();

        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long periodMicros = 1_000_000L * PER_REQUEST / rate;
        sender.scheduleAtFixedRate(
                () -> {
                    int i = next.getAndIncrement();
                    if (i >= requests) {
                        return;
                    }
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.write('[');
                    long now = System.nanoTime();
                    for (int k = 0; k < PER_REQUEST; k++) {
                        byte[] envelope = signed.get(i * PER_REQUEST + k);
                        if (k > 0) {
                            body.write(',');
                        }
                        body.writeBytes(envelope);
                        sentAt.put(idOf(envelope), now);
                    }
                    body.write(']');
                    http.sendAsync(
                                    HttpRequest.newBuilder(events)
                                            .header("Content-Type", "application/json")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofByteArray(
                                                            body.toByteArray()))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .whenComplete(
                                    (response, error) -> {
                                        if (error != null || response.statusCode() != 202) {
                                            failures.incrementAndGet();
                                        }
                                    });
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);

        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 30L).toNanos();
        while (latency.size() < sentAt.size() || next.get() < requests) {
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        sender.shutdownNow();
        reading.set(false);
        reader.join();
        int missing = requests * PER_REQUEST - latency.size();
        System.out.printf(
                Locale.ROOT,
                "sent %d events in %d requests, %d failed requests, %d events not seen%n",
                requests * PER_REQUEST,
                requests,
                failures.get(),
                missing);
        if (failures.get() > 0 || missing > 0) {
            throw new IllegalStateException(
                    "events were lost or refused under load; latencies would lie");
        }
        long[] sorted = latency.values().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The envelope id: the first "id" member, as the bench writes it first. */
    private static String idOf(byte[] envelope) {
        String json =
                new String(envelope, 0, Math.min(envelope.length, 64), StandardCharsets.UTF_8);
        int start = json.indexOf("\"id\":\"") + 6;
        return json.substring(start, json.indexOf('"', start));
    }

    private static long[] kafkaBaseline(BenchKafka kafka, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latency = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader =
                new Thread(
                        () -> {
                            try (KafkaConsumer<byte[], byte[]> consumer = kafka.committedReader()) {
                                consumer.subscribe(List.of("baseline"));
                                while (reading.get()) {
                                    for (ConsumerRecord<byte[], byte[]> r :
                                            consumer.poll(Duration.ofMillis(50))) {
                                        String id = new String(r.key(), StandardCharsets.UTF_8);
                                        Long sent = sentAt.get(id);
                                        if (sent != null) {
                                            latency.put(id, (System.nanoTime() - sent) / 1_000_000);
                                        }
                                    }
                                }
                            }
                        },
                        "baseline-reader");
        reader.start();
        byte[] value = new SignedEnvelopes(1).single(Instant.now());
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * (1e9 / rate));
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String id = UUID.randomUUID().toString();
                sentAt.put(id, System.nanoTime());
                producer.send(
                        new ProducerRecord<>(
                                "baseline", id.getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latency.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        reading.set(false);
        reader.join();
        long[] sorted = latency.values().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
