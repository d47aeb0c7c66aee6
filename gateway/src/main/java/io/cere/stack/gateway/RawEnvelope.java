package io.cere.stack.gateway;

import java.nio.charset.StandardCharsets;

/**
 * One structurally valid envelope of a request: its id and its bytes exactly as the client sent
 * them (the Kafka record's key and value).
 */
record RawEnvelope(String id, byte[] bytes) {

    byte[] key() {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
