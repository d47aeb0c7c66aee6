package io.cere.stack.jobs.ingest;

import io.cere.stack.functions.ingest.EventEnricher;
import io.cere.stack.functions.ingest.RoutedEvent;
import io.cere.stack.schemas.avro.EnrichedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an enriched event to its topic, keyed {@code {appId}-{accountId}}, as Avro single-object
 * encoding (marker, schema fingerprint, body) so readers need no schema registry.
 */
public class RoutedEventSerializer implements KafkaRecordSerializationSchema<RoutedEvent> {

    private static final long serialVersionUID = 1L;

    private transient BinaryMessageEncoder<EnrichedEvent> encoder;
    private transient ByteArrayOutputStream buffer;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            RoutedEvent routed, KafkaSinkContext context, Long timestamp) {
        if (encoder == null) {
            encoder = EnrichedEvent.getEncoder();
            buffer = new ByteArrayOutputStream(1024);
        }
        buffer.reset();
        try {
            encoder.encode(routed.event, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode event " + routed.event.getId(), e);
        }
        byte[] key = EventEnricher.key(routed.event).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(routed.topic, key, buffer.toByteArray());
    }
}
