package io.cere.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeSigner;
import io.cere.stack.schemas.envelope.UnsignedEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Signed envelopes for load: a realistic ~300-byte payload, a handful of accounts, signed on every
 * core so that preparing a million events takes seconds.
 */
final class SignedEnvelopes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Ed25519.KeyPair> accounts = new ArrayList<>();

    SignedEnvelopes(int accounts) {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < accounts; i++) {
            this.accounts.add(Ed25519.generate(random));
        }
    }

    /** {@code count} single-event envelopes, each with a fresh id. */
    List<byte[]> singles(int count, Instant timestamp) {
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> sign(single(accounts.get(i % accounts.size()), timestamp), i))
                .toList();
    }

    /** {@code count} batch envelopes of {@code size} events each. */
    List<byte[]> batches(int count, int size, Instant timestamp) {
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> sign(batch(accounts.get(i % accounts.size()), size, timestamp), i))
                .toList();
    }

    byte[] single(Instant timestamp) {
        return sign(single(accounts.get(0), timestamp), 0);
    }

    byte[] batch(int size, Instant timestamp) {
        return sign(batch(accounts.get(0), size, timestamp), 0);
    }

    private byte[] sign(ObjectNode envelope, int i) {
        Ed25519.KeyPair keys = accounts.get(i % accounts.size());
        return EnvelopeSigner.sign(envelope, keys.privateKey())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode single(Ed25519.KeyPair keys, Instant timestamp) {
        return UnsignedEnvelope.single(
                UUID.randomUUID().toString(),
                "bench",
                keys.publicKeyHex(),
                "page.view",
                timestamp.toString(),
                payload());
    }

    private static ObjectNode batch(Ed25519.KeyPair keys, int size, Instant timestamp) {
        List<ObjectNode> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(
                    UnsignedEnvelope.event(
                            UUID.randomUUID().toString(),
                            "page.view",
                            timestamp.toString(),
                            payload()));
        }
        return UnsignedEnvelope.batch(
                UUID.randomUUID().toString(),
                "bench",
                keys.publicKeyHex(),
                timestamp.toString(),
                events);
    }

    private static ObjectNode payload() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ObjectNode payload = JSON.createObjectNode();
        payload.put("url", "https://example.com/products/" + random.nextInt(100_000));
        payload.put("referrer", "https://example.com/search?q=shoes");
        payload.put("durationMs", random.nextInt(60_000));
        payload.put("score", random.nextDouble());
        payload.putObject("device").put("os", "linux").put("screen", "1920x1080");
        return payload;
    }
}
