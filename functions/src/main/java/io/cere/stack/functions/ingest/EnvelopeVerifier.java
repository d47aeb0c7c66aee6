package io.cere.stack.functions.ingest;

import io.cere.stack.schemas.envelope.EnvelopeException;
import io.cere.stack.schemas.envelope.EnvelopeParser;
import io.cere.stack.schemas.envelope.EventEnvelope;
import io.cere.stack.schemas.envelope.InnerEvent;
import io.cere.stack.schemas.envelope.VerifyingKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses each raw envelope, checks its size, version, signature and clock skew, and splits batch
 * envelopes into one {@link VerifiedEvent} per inner event. Everything refused goes to {@link
 * #REJECTED} with its reason; nothing is dropped silently.
 *
 * <p>A batch is accepted or refused whole: one signature covers it, so there is no part of it that
 * verified on its own.
 */
public class EnvelopeVerifier extends ProcessFunction<RawEnvelope, VerifiedEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};

    /** Decoded keys of recent accounts, per subtask: ~3 MB, and a hit skips a key decode. */
    private static final int KEY_CACHE_ACCOUNTS = 10_000;

    private final long maxClockSkewMillis;
    private final int maxEnvelopeBytes;

    private transient EnvelopeParser parser;
    private transient VerifyingKeys keys;
    private transient Map<RejectReason, Counter> rejected;
    private transient Counter envelopes;
    private transient Counter events;

    public EnvelopeVerifier(Duration maxClockSkew, int maxEnvelopeBytes) {
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException(
                    "max clock skew must not be negative, got " + maxClockSkew);
        }
        if (maxEnvelopeBytes <= 0) {
            throw new IllegalArgumentException(
                    "max envelope size must be positive, got " + maxEnvelopeBytes);
        }
        this.maxClockSkewMillis = maxClockSkew.toMillis();
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new EnvelopeParser();
        keys = new VerifyingKeys(KEY_CACHE_ACCOUNTS);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, metrics.counter("rejected_" + reason.name()));
        }
        envelopes = metrics.counter("envelopesIn");
        events = metrics.counter("eventsVerified");
        metrics.meter("envelopesInPerSecond", new MeterView(envelopes));
        metrics.meter("eventsVerifiedPerSecond", new MeterView(events));
    }

    @Override
    public void processElement(RawEnvelope raw, Context ctx, Collector<VerifiedEvent> out) {
        envelopes.inc();
        if (raw.value == null || raw.value.length == 0) {
            reject(ctx, RejectReason.MALFORMED, "empty record: no envelope bytes", null, raw);
            return;
        }
        if (raw.value.length > maxEnvelopeBytes) {
            reject(
                    ctx,
                    RejectReason.TOO_LARGE,
                    "envelope is "
                            + raw.value.length
                            + " bytes; at most "
                            + maxEnvelopeBytes
                            + " are accepted",
                    null,
                    raw);
            return;
        }
        EventEnvelope envelope;
        try {
            envelope = parser.parse(raw.value);
        } catch (EnvelopeException e) {
            RejectReason reason =
                    e.reason() == EnvelopeException.Reason.UNSUPPORTED_VERSION
                            ? RejectReason.UNSUPPORTED_VERSION
                            : RejectReason.MALFORMED;
            reject(ctx, reason, e.getMessage(), idOrNull(raw), raw);
            return;
        }
        if (!envelope.hasValidSignature(keys)) {
            reject(
                    ctx,
                    RejectReason.BAD_SIGNATURE,
                    "signature does not verify for accountId "
                            + envelope.accountId()
                            + " over the canonical (RFC 8785) envelope",
                    envelope.id(),
                    raw);
            return;
        }
        String skew = clockSkew(envelope, raw.receivedAt);
        if (skew != null) {
            reject(ctx, RejectReason.CLOCK_SKEW, skew, envelope.id(), raw);
            return;
        }
        if (envelope.batchMode()) {
            List<InnerEvent> inner = envelope.events();
            for (int i = 0; i < inner.size(); i++) {
                InnerEvent e = inner.get(i);
                VerifiedEvent v = base(envelope, raw);
                v.id = e.id();
                v.type = e.type();
                v.timestamp = e.timestampText();
                v.eventTime = e.timestamp().toEpochMilli();
                v.payload = envelope.canonicalPayload(i);
                v.batchMode = true;
                v.batchId = envelope.id();
                v.batchPosition = i;
                v.replayKey = ReplayKey.of(v.appId, v.id);
                out.collect(v);
            }
            events.inc(inner.size());
        } else {
            VerifiedEvent v = base(envelope, raw);
            v.id = envelope.id();
            v.type = envelope.type();
            v.timestamp = envelope.timestampText();
            v.eventTime = envelope.timestamp().toEpochMilli();
            v.payload = envelope.canonicalPayload();
            v.replayKey = ReplayKey.of(v.appId, v.id);
            out.collect(v);
            events.inc();
        }
    }

    /** A message naming the first timestamp too far ahead of the receive time, or null. */
    private String clockSkew(EventEnvelope envelope, long receivedAt) {
        long limit = receivedAt + maxClockSkewMillis;
        if (envelope.timestamp().toEpochMilli() > limit) {
            return skewMessage("timestamp", envelope.timestampText(), receivedAt);
        }
        List<InnerEvent> inner = envelope.events();
        for (int i = 0; i < inner.size(); i++) {
            if (inner.get(i).timestamp().toEpochMilli() > limit) {
                return skewMessage(
                        "events[" + i + "].timestamp", inner.get(i).timestampText(), receivedAt);
            }
        }
        return null;
    }

    private String skewMessage(String field, String value, long receivedAt) {
        return field
                + " "
                + value
                + " is more than "
                + Duration.ofMillis(maxClockSkewMillis)
                + " ahead of the receive time "
                + Instant.ofEpochMilli(receivedAt);
    }

    private static VerifiedEvent base(EventEnvelope envelope, RawEnvelope raw) {
        VerifiedEvent v = new VerifiedEvent();
        v.appId = envelope.appId();
        v.accountId = envelope.accountId();
        v.signature = envelope.signatureHex();
        v.receivedAt = raw.receivedAt;
        v.clientIp = raw.clientIp;
        v.topic = raw.topic;
        v.partition = raw.partition;
        v.offset = raw.offset;
        return v;
    }

    /** The envelope's id, if the bytes are JSON with a string "id"; used to key rejections. */
    private String idOrNull(RawEnvelope raw) {
        try {
            var node = parser.readTree(raw.value).get("id");
            return node != null && node.isTextual() && node.textValue().length() <= 128
                    ? node.textValue()
                    : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void reject(
            Context ctx, RejectReason reason, String message, String eventId, RawEnvelope raw) {
        rejected.get(reason).inc();
        ctx.output(REJECTED, Rejection.of(reason, message, eventId, raw));
    }
}
