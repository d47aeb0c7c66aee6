package io.cere.stack.launcher.send;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.launcher.keys.SigningKey;
import io.cere.stack.schemas.envelope.EnvelopeSigner;
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", ids.get().toString());
        envelope.put("appId", appId);
        envelope.put("accountId", key.accountId());
        envelope.put("type", type);
        envelope.put("timestamp", now());
        envelope.set("payload", payload.deepCopy());
        return EnvelopeSigner.sign(envelope, key.privateKey());
    }

    /**
     * A signed batch envelope ({@code "_batchMode": true}) of {@code events} inner events, each
     * with its own id; one signature covers them all.
     */
    public ObjectNode batch(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("a batch holds at least one event, got " + events);
        }
        String timestamp = now();
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", ids.get().toString());
        envelope.put("appId", appId);
        envelope.put("accountId", key.accountId());
        envelope.put("timestamp", timestamp);
        envelope.put("_batchMode", true);
        ArrayNode inner = envelope.putArray("events");
        for (int i = 0; i < events; i++) {
            ObjectNode event = inner.addObject();
            event.put("id", ids.get().toString());
            event.put("type", type);
            event.put("timestamp", timestamp);
            event.set("payload", payload.deepCopy());
        }
        return EnvelopeSigner.sign(envelope, key.privateKey());
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
