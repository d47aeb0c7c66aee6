package io.cere.stack.jobs.ingest;

import io.cere.stack.functions.ingest.Rejection;
import io.cere.stack.functions.ingest.RejectionJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a rejection as JSON, keyed by the event id (or the source position when unknown). */
public class RejectionSerializer implements KafkaRecordSerializationSchema<Rejection> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public RejectionSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Rejection rejection, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                rejection.key().getBytes(StandardCharsets.UTF_8),
                RejectionJson.toJson(rejection));
    }
}
