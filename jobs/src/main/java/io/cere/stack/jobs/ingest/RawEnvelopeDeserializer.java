package io.cere.stack.jobs.ingest;

import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.schemas.envelope.RawEventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads an {@code events.raw} record without parsing it: parsing belongs to the verifier, where a
 * bad envelope becomes a rejection instead of a failed source. The gateway's headers give the
 * client address and receive time; records from other producers fall back to the record timestamp.
 */
public class RawEnvelopeDeserializer implements KafkaRecordDeserializationSchema<RawEnvelope> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEnvelope> out) {
        out.collect(
                new RawEnvelope(
                        record.value(),
                        clientIp(record),
                        receivedAt(record),
                        record.topic(),
                        record.partition(),
                        record.offset()));
    }

    private static String clientIp(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(RawEventHeaders.CLIENT_IP);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long receivedAt(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(RawEventHeaders.RECEIVED_AT);
        if (header != null && header.value() != null) {
            try {
                return RawEventHeaders.parseReceivedAt(header.value());
            } catch (IllegalArgumentException e) {
                // A header we cannot read is not a reason to refuse the event; the broker's time is
                // the next best receive time.
            }
        }
        return record.timestamp();
    }

    @Override
    public TypeInformation<RawEnvelope> getProducedType() {
        return TypeInformation.of(RawEnvelope.class);
    }
}
