package io.cere.stack.schemas.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Valid envelopes to start tests from: change one thing, check what happens. */
final class EnvelopeFixtures {

    static final Ed25519.KeyPair KEYS = Ed25519Test.keyPair(42);
    static final Ed25519.KeyPair OTHER_KEYS = Ed25519Test.keyPair(43);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnvelopeFixtures() {}

    /** A single-event envelope by {@code keys}, without signature. */
    static ObjectNode unsignedSingle(Ed25519.KeyPair keys) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        envelope.put("appId", "cere.demo-app_1");
        envelope.put("accountId", keys.publicKeyHex());
        envelope.put("type", "page.view");
        envelope.put("timestamp", "2026-11-21T07:00:00.123+01:00");
        ObjectNode payload = envelope.putObject("payload");
        payload.put("url", "https://example.org/caf\u00e9?q=\u20ac");
        payload.put("durationMs", 1250.5);
        payload.put("count", 3);
        payload.putArray("tags").add("a").add("\ud83d\ude00").addNull().add(true);
        return envelope;
    }

    /** A batch envelope of {@code count} events by {@code keys}, without signature. */
    static ObjectNode unsignedBatch(Ed25519.KeyPair keys, int count) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("id", "7d444840-9dc0-11d1-b245-5ffdce74fad2");
        envelope.put("appId", "cere-demo");
        envelope.put("accountId", keys.publicKeyHex());
        envelope.put("timestamp", "2026-11-21T07:00:05Z");
        envelope.put("_batchMode", true);
        ArrayNode events = envelope.putArray("events");
        for (int i = 0; i < count; i++) {
            ObjectNode event = events.addObject();
            event.put("id", new UUID(0x1234L, i).toString());
            event.put("type", i % 2 == 0 ? "click" : "scroll");
            event.put("timestamp", "2026-11-21T07:00:0" + (i % 10) + ".5Z");
            event.putObject("payload").put("position", i).put("ratio", i / 7.0);
        }
        return envelope;
    }

    static ObjectNode signedSingle() {
        return EnvelopeSigner.sign(unsignedSingle(KEYS), KEYS.privateKey());
    }

    static ObjectNode signedBatch(int count) {
        return EnvelopeSigner.sign(unsignedBatch(KEYS, count), KEYS.privateKey());
    }

    /** The JSON text of {@code envelope} as a client would send it. */
    static byte[] bytes(ObjectNode envelope) {
        try {
            return JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
