package io.cere.stack.bench;

import io.cere.stack.schemas.envelope.RawEventHeaders;
import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.KafkaBroker;
import io.cere.stack.servers.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real broker in its own JVM and the client chores the load generators share. */
final class BenchKafka implements AutoCloseable {

    private final KafkaBroker broker;

    BenchKafka(Path dataDir) throws Exception {
        broker =
                KafkaBroker.builder()
                        .dataDir(dataDir)
                        .port(FreePorts.pick())
                        .controllerPort(FreePorts.pick())
                        .heap("1g")
                        .build()
                        .start();
    }

    /** CPU time the broker process has used so far (user + system), from /proc. */
    long brokerCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(broker.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return 0;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        KafkaTopics.createMissing(bootstrapServers(), partitionsByTopic, Duration.ofSeconds(60));
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("acks", "all");
        props.put("linger.ms", "5");
        props.put("batch.size", "262144");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes envelopes to {@code topic} as the gateway would, with a receive-time header. */
    void produceEnvelopes(String topic, List<byte[]> envelopes) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            byte[] now = RawEventHeaders.receivedAt(System.currentTimeMillis());
            for (byte[] envelope : envelopes) {
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>(
                                topic,
                                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
                                envelope);
                record.headers().add(RawEventHeaders.RECEIVED_AT, now);
                producer.send(record);
            }
            producer.flush();
        }
    }

    KafkaConsumer<byte[], byte[]> committedReader() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("group.id", "bench-" + UUID.randomUUID());
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "5000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** How many committed records {@code topic} holds (sum of last stable offsets). */
    long committedCount(KafkaConsumer<byte[], byte[]> reader, String topic) {
        List<TopicPartition> partitions =
                reader.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        return reader.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Feeds every committed record of {@code topic} to {@code sink}, until {@code count} were read.
     */
    void readAll(
            String topic,
            long count,
            Duration deadline,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long end = System.nanoTime() + deadline.toNanos();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> reader = committedReader()) {
            reader.subscribe(List.of(topic));
            while (read < count) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException(
                            "read only " + read + " of " + count + " records of " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                    sink.accept(r);
                    read++;
                }
            }
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
