package io.cere.stack.launcher.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.launcher.keys.SigningKey;
import io.cere.stack.schemas.envelope.EnvelopeSigner;
import io.cere.stack.schemas.envelope.UnsignedEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds signed envelopes of one account, app and event type: a fresh random UUID each, the current
 * time as an RFC 3339 timestamp (milliseconds, UTC), the given payload.
 *
 * <p>Thread-safe: {@code send} signs on several threads.
 */
public final class EnvelopeFactory {

    private final SigningKey key;
    private final String appId;
    private final String type;
    private final ObjectNode payload;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public EnvelopeFactory(SigningKey key, String appId, String type, ObjectNode payload) {
        this(key, appId, type, payload, Clock.systemUTC(), UUID::randomUUID);
    }

    EnvelopeFactory(
            SigningKey key,
            String appId,
            String type,
            ObjectNode payload,
            Clock clock,
            Supplier<UUID> ids) {
        this.key = Objects.requireNonNull(key, "key");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.type = Objects.requireNonNull(type, "type");
        this.payload = Objects.requireNonNull(payload, "payload").deepCopy();
        this.clock = clock;
        this.ids = ids;
    }

    /** A signed single-event envelope. */
    public ObjectNode single() {
        return EnvelopeSigner.sign(
                UnsignedEnvelope.single(
                        ids.get().toString(),
                        appId,
                        key.accountId(),
                        type,
                        now(),
                        payload.deepCopy()),
                key.privateKey());
    }

    /**
     * A signed batch envelope ({@code "_batchMode": true}) of {@code events} inner events, each
     * with its own id; one signature covers them all.
     */
    public ObjectNode batch(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("a batch holds at least one event, got " + events);
        }
        String id = ids.get().toString();
        String timestamp = now();
        List<ObjectNode> inner = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            inner.add(
                    UnsignedEnvelope.event(
                            ids.get().toString(), type, timestamp, payload.deepCopy()));
        }
        return EnvelopeSigner.sign(
                UnsignedEnvelope.batch(id, appId, key.accountId(), timestamp, inner),
                key.privateKey());
    }

    /**
     * The ids that show up on {@code events.valid} for an envelope: its own for a single event, its
     * inner events' for a batch.
     */
    public static List<String> eventIds(ObjectNode envelope) {
        if (!envelope.path("_batchMode").asBoolean(false)) {
            return List.of(envelope.get("id").asText());
        }
        List<String> ids = new ArrayList<>();
        envelope.get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
