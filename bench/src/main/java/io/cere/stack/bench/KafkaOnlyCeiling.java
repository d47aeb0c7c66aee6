package io.cere.stack.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling Kafka alone sets on this machine for IngestJob's batch traffic: one plain Java loop
 * that reads the batch envelopes, writes {@code eventsPerEnvelope} records of IngestJob's output
 * size for each, and commits a Kafka transaction (with the consumed offsets) every checkpoint
 * interval, as an exactly-once Flink sink does. No Flink, no parsing, no state: whatever rate this
 * reaches, no exactly-once pipeline through the same broker can beat it.
 */
final class KafkaOnlyCeiling {

    private KafkaOnlyCeiling() {}

    /** Events per second written and committed. */
    static double run(
            BenchKafka kafka,
            String rawTopic,
            String outTopic,
            int envelopes,
            int eventsPerEnvelope,
            int recordBytes,
            Duration commitInterval)
            throws Exception {
        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", kafka.bootstrapServers());
        consumerProps.put("group.id", "ceiling-" + UUID.randomUUID());
        consumerProps.put("auto.offset.reset", "earliest");
        consumerProps.put("enable.auto.commit", "false");
        consumerProps.put("isolation.level", "read_committed");
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", kafka.bootstrapServers());
        producerProps.put("transactional.id", "ceiling-" + UUID.randomUUID());
        producerProps.put("linger.ms", "20");
        producerProps.put("batch.size", "262144");
        producerProps.put("compression.type", "none");
        byte[] value = new byte[recordBytes];
        long written = 0;
        long expected = (long) envelopes * eventsPerEnvelope;
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                consumerProps,
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                producerProps,
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            consumer.subscribe(List.of(rawTopic));
            producer.initTransactions();
            producer.beginTransaction();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long start = 0;
            long lastCommit = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (written < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Kafka-only ceiling: wrote only " + written + " of " + expected);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    byte[] key = ("bench-" + r.partition()).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < eventsPerEnvelope; i++) {
                        producer.send(new ProducerRecord<>(outTopic, key, value));
                    }
                    written += eventsPerEnvelope;
                    offsets.put(
                            new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1));
                }
                if (System.nanoTime() - lastCommit >= commitInterval.toNanos()
                        || written >= expected) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    producer.beginTransaction();
                    lastCommit = System.nanoTime();
                }
            }
            producer.abortTransaction();
            return written / ((System.nanoTime() - start) / 1e9);
        }
    }
}
