package io.cere.stack.launcher.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code count} events are cut into HTTP requests: a JSON array of up to {@code batchSize}
 * envelopes per request, or, in batch mode, one batch envelope of up to {@code batchSize} inner
 * events per request. Requests are built on demand, so a million events never sit in memory.
 */
final class SendPlan {

    private final EnvelopeFactory envelopes;
    private final long count;
    private final int batchSize;
    private final boolean batchMode;
    private long planned;

    SendPlan(EnvelopeFactory envelopes, long count, int batchSize, boolean batchMode) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.envelopes = envelopes;
        this.count = count;
        this.batchSize = batchSize;
        this.batchMode = batchMode;
    }

    /** One request: its JSON body and the ids of the events it carries. */
    record Request(JsonNode body, List<String> eventIds) {}

    /** How many requests the plan makes. */
    long requests() {
        return (count + batchSize - 1) / batchSize;
    }

    /** The next request to send, or null when every event is planned. Thread-safe. */
    Request next() {
        int events;
        synchronized (this) {
            if (planned >= count) {
                return null;
            }
            events = (int) Math.min(batchSize, count - planned);
            planned += events;
        }
        // Signing happens outside the lock, on the caller's thread.
        if (batchMode) {
            ObjectNode batch = envelopes.batch(events);
            return new Request(batch, EnvelopeFactory.eventIds(batch));
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode(events);
        List<String> ids = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            ObjectNode envelope = envelopes.single();
            array.add(envelope);
            ids.add(envelope.get("id").asText());
        }
        return new Request(array, ids);
    }
}
