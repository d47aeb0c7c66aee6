package io.cere.stack.jobs.testutils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topic creation, producing and read_committed reading against a real broker, for tests. */
public final class KafkaTestTopics {

    private final String bootstrapServers;

    public KafkaTestTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void create(Map<String, Integer> partitionsByTopic)
            throws ExecutionException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((t, p) -> topics.add(new NewTopic(t, p, (short) 1)));
            admin.createTopics(topics).all().get();
        }
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /**
     * Reads committed records of {@code topic} from the start until {@code done} holds for what was
     * read, failing after {@code deadline}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(
            String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration deadline) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            while (!done.test(records)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError(
                            "timed out after "
                                    + deadline
                                    + " reading "
                                    + topic
                                    + "; got "
                                    + records.size()
                                    + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Every committed record of {@code topic}, read up to its last stable offset. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration deadline) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            Map<TopicPartition, Long> endOffsets = new HashMap<>();
            while (true) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                Set<TopicPartition> assigned = consumer.assignment();
                if (!assigned.isEmpty()) {
                    if (endOffsets.isEmpty()) {
                        endOffsets.putAll(consumer.endOffsets(assigned));
                    }
                    boolean atEnd =
                            endOffsets.entrySet().stream()
                                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (atEnd) {
                        return records;
                    }
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("timed out reading " + topic + " to its end");
                }
            }
        }
    }
}
