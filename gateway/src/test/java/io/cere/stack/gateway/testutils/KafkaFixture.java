package io.cere.stack.gateway.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real Kafka broker, in its own JVM, for one test class, with the topic chores its tests share:
 * making a topic and reading one back from the start.
 */
public final class KafkaFixture implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final KafkaBroker broker;
    private final Admin admin;

    private KafkaFixture(KafkaBroker broker) {
        this.broker = broker;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers()));
    }

    /** Starts a broker on free loopback ports, keeping its data under {@code dataDir}. */
    public static KafkaFixture start(Path dataDir) throws IOException, InterruptedException {
        int[] ports = FreePorts.pick(2);
        KafkaBroker broker =
                KafkaBroker.builder()
                        .dataDir(dataDir)
                        .port(ports[0])
                        .controllerPort(ports[1])
                        .heap("384m")
                        .build()
                        .start();
        try {
            return new KafkaFixture(broker);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The broker itself, to suspend, resume or kill it. */
    public KafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Creates a topic with a replication factor of 1 and waits until it exists. */
    public void createTopic(String topic, int partitions)
            throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    /** Every record of the topic, from the start of each partition to its end as of now. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config =
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, DEADLINE).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime() - deadline)
                        .as("%s read to its end within %s", topic, DEADLINE)
                        .isNegative();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The keys of every record of the topic, as text, in the order of {@link #readAll}. */
    public List<String> keys(String topic) {
        return readAll(topic).stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                .toList();
    }

    /** Closes the admin client and stops the broker, if it still runs. */
    @Override
    public void close() {
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            broker.close();
        }
    }
}
