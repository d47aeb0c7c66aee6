package io.cere.stack.bench;

import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.functions.ingest.ReplayKey;
import io.cere.stack.functions.ingest.VerifiedEvent;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.EventEnvelope;
import io.cere.stack.schemas.envelope.InnerEvent;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The plumbing baseline's stand-in for verification: turns each batch envelope into as many events
 * as the first envelope it saw held, with that envelope's fields and fresh ids, without parsing,
 * canonicalizing or verifying anything. The records that leave it are the size and shape of
 * IngestJob's, so the rest of the job (shuffle, replay state, checkpoints, Avro, exactly-once
 * Kafka) costs the same as in IngestJob.
 */
final class UnverifiedSplit implements FlatMapFunction<RawEnvelope, VerifiedEvent> {

    private static final long serialVersionUID = 1L;

    private transient List<VerifiedEvent> template;

    @Override
    public void flatMap(RawEnvelope raw, Collector<VerifiedEvent> out) throws Exception {
        if (template == null) {
            template = templateOf(new EnvelopeParser().parse(raw.value));
        }
        for (int i = 0; i < template.size(); i++) {
            VerifiedEvent t = template.get(i);
            VerifiedEvent v = new VerifiedEvent();
            v.id = new UUID(((long) raw.partition << 48) | raw.offset, i).toString();
            v.appId = t.appId;
            v.accountId = t.accountId;
            v.type = t.type;
            v.timestamp = t.timestamp;
            v.eventTime = t.eventTime;
            v.payload = t.payload;
            v.signature = t.signature;
            v.receivedAt = raw.receivedAt;
            v.clientIp = raw.clientIp;
            v.batchMode = true;
            v.batchId = t.batchId;
            v.batchPosition = i;
            v.replayKey = ReplayKey.of(v.appId, v.id);
            v.topic = raw.topic;
            v.partition = raw.partition;
            v.offset = raw.offset;
            out.collect(v);
        }
    }

    private static List<VerifiedEvent> templateOf(EventEnvelope envelope) {
        if (!envelope.batchMode()) {
            throw new IllegalArgumentException("the plumbing baseline runs on batch envelopes");
        }
        List<InnerEvent> inner = envelope.events();
        return java.util.stream.IntStream.range(0, inner.size())
                .mapToObj(
                        i -> {
                            VerifiedEvent v = new VerifiedEvent();
                            v.appId = envelope.appId();
                            v.accountId = envelope.accountId();
                            v.type = inner.get(i).type();
                            v.timestamp = inner.get(i).timestampText();
                            v.eventTime = inner.get(i).timestamp().toEpochMilli();
                            v.payload = envelope.canonicalPayload(i);
                            v.signature = envelope.signatureHex();
                            v.batchId = envelope.id();
                            return v;
                        })
                .toList();
    }
}
