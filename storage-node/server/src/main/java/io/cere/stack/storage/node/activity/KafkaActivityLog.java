package io.cere.stack.storage.node.activity;

import io.cere.stack.schemas.avro.ActivityRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activity records to a Kafka topic ({@code activity} by default), keyed by node id, the value in
 * Avro single-object encoding. Idempotent, {@code acks=all}. A record Kafka does not take (the
 * broker is down longer than the producer retries, or its buffer is full) goes to the node's local
 * log instead, with a warning, so an operation served is never left unaccounted.
 */
public final class KafkaActivityLog implements ActivityLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaActivityLog.class);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ActivityLog fallback;
    private final AtomicLong fellBack = new AtomicLong();

    public KafkaActivityLog(String bootstrapServers, String topic, ActivityLog fallback) {
        this.topic = topic;
        this.fallback = fallback;
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "20");
        props.put("delivery.timeout.ms", "120000");
        // served() runs on a request thread: never hold it long for a slow broker.
        props.put("max.block.ms", "1000");
        props.put("client.id", "storage-node-activity");
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void append(ActivityRecord record) throws IOException {
        byte[] key = record.getNodeId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer encoded = record.toByteBuffer();
        byte[] value = new byte[encoded.remaining()];
        encoded.get(value);
        try {
            producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                        if (error != null) {
                            fallBack(record, error);
                        }
                    });
        } catch (RuntimeException e) {
            fallBack(record, e);
        }
    }

    /** Records that went to the local log because Kafka did not take them. */
    public long fellBack() {
        return fellBack.get();
    }

    private void fallBack(ActivityRecord record, Exception error) {
        if (fellBack.getAndIncrement() == 0) {
            LOG.warn(
                    "Kafka did not take an activity record for topic {} ({}); writing to the"
                            + " local activity log until it does",
                    topic,
                    error.toString());
        }
        try {
            fallback.append(record);
        } catch (IOException e) {
            LOG.error("activity record {} lost: {}", record.getRequestId(), e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            fallback.close();
        }
    }
}
