package io.cere.stack.functions.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeSigner;
import io.cere.stack.schemas.envelope.Hex;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Builds signed envelopes for tests, with keys and ids drawn from a seeded {@link Random} so every
 * run sees the same bytes.
 */
public final class TestEnvelopes {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Ed25519.KeyPair keys;
    private long nextOffset;

    public TestEnvelopes(long seed) {
        this.random = new Random(seed);
        byte[] seedBytes = new byte[32];
        random.nextBytes(seedBytes);
        SecureRandom deterministic =
                new SecureRandom() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public void nextBytes(byte[] bytes) {
                        random.nextBytes(bytes);
                    }
                };
        this.keys = Ed25519.generate(deterministic);
    }

    public Ed25519.KeyPair keys() {
        return keys;
    }

    public String accountId() {
        return Hex.encode(keys.publicKey());
    }

    public String newId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** An unsigned single-event envelope. */
    public ObjectNode single(String appId, String type, Instant timestamp) {
        ObjectNode env = JSON.createObjectNode();
        env.put("id", newId());
        env.put("appId", appId);
        env.put("accountId", accountId());
        env.put("type", type);
        env.put("timestamp", timestamp.toString());
        ObjectNode payload = env.putObject("payload");
        payload.put("n", random.nextInt(1000));
        payload.put("note", "caf\u00e9 \ud83d\ude00");
        return env;
    }

    /** An unsigned batch envelope with {@code count} inner events. */
    public ObjectNode batch(String appId, int count, Instant timestamp) {
        ObjectNode env = JSON.createObjectNode();
        env.put("id", newId());
        env.put("appId", appId);
        env.put("accountId", accountId());
        env.put("timestamp", timestamp.toString());
        env.put("_batchMode", true);
        ArrayNode events = env.putArray("events");
        for (int i = 0; i < count; i++) {
            ObjectNode e = events.addObject();
            e.put("id", newId());
            e.put("type", "click");
            e.put("timestamp", timestamp.plusMillis(i).toString());
            e.putObject("payload").put("i", i);
        }
        return env;
    }

    public ObjectNode sign(ObjectNode envelope) {
        return EnvelopeSigner.sign(envelope, keys.privateKey());
    }

    public static byte[] bytes(ObjectNode envelope) {
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The envelope as IngestJob reads it, received at {@code receivedAt}. */
    public RawEnvelope raw(ObjectNode envelope, Instant receivedAt) {
        return raw(bytes(envelope), receivedAt);
    }

    public RawEnvelope raw(byte[] value, Instant receivedAt) {
        return new RawEnvelope(
                value, "127.0.0.1", receivedAt.toEpochMilli(), "events.raw", 0, nextOffset++);
    }
}
