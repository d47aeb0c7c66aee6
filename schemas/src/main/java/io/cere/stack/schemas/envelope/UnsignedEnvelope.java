package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Envelopes before they are signed ({@link EnvelopeSigner#sign}): the members {@link
 * EnvelopeParser} requires, id first. Payload and event nodes are taken as they are, not copied.
 */
public final class UnsignedEnvelope {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UnsignedEnvelope() {}

    /** A single-event envelope. */
    public static ObjectNode single(
            String id,
            String appId,
            String accountId,
            String type,
            String timestamp,
            ObjectNode payload) {
        ObjectNode envelope = header(id, appId, accountId);
        envelope.put("type", type);
        envelope.put("timestamp", timestamp);
        envelope.set("payload", payload);
        return envelope;
    }

    /** A batch envelope of {@code events}, each made by {@link #event}. */
    public static ObjectNode batch(
            String id, String appId, String accountId, String timestamp, List<ObjectNode> events) {
        ObjectNode envelope = header(id, appId, accountId);
        envelope.put("timestamp", timestamp);
        envelope.put("_batchMode", true);
        ArrayNode array = envelope.putArray("events");
        events.forEach(array::add);
        return envelope;
    }

    /** One inner event of a batch envelope. */
    public static ObjectNode event(String id, String type, String timestamp, ObjectNode payload) {
        ObjectNode event = NODES.objectNode();
        event.put("id", id);
        event.put("type", type);
        event.put("timestamp", timestamp);
        event.set("payload", payload);
        return event;
    }

    private static ObjectNode header(String id, String appId, String accountId) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", id);
        envelope.put("appId", appId);
        envelope.put("accountId", accountId);
        return envelope;
    }
}
