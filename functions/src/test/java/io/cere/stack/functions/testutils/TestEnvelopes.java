package io.cere.stack.functions.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.functions.ingest.RawEnvelope;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeSigner;
import io.cere.stack.schemas.envelope.Hex;
import io.cere.stack.schemas.envelope.UnsignedEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        ObjectNode payload = JSON.createObjectNode();
        payload.put("n", random.nextInt(1000));
        payload.put("note", "caf\u00e9 \ud83d\ude00");
        return UnsignedEnvelope.single(
                newId(), appId, accountId(), type, timestamp.toString(), payload);
    }

    /** An unsigned batch envelope with {@code count} inner events. */
    public ObjectNode batch(String appId, int count, Instant timestamp) {
        String id = newId();
        List<ObjectNode> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(
                    UnsignedEnvelope.event(
                            newId(),
                            "click",
                            timestamp.plusMillis(i).toString(),
                            JSON.createObjectNode().put("i", i)));
        }
        return UnsignedEnvelope.batch(id, appId, accountId(), timestamp.toString(), events);
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
