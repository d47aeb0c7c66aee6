package io.cere.stack.gateway.testutils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.schemas.envelope.Ed25519;
import io.cere.stack.schemas.envelope.EnvelopeSigner;
import io.cere.stack.schemas.envelope.Hex;
import io.cere.stack.schemas.envelope.UnsignedEnvelope;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/** Makes signed envelopes from a seeded key and seeded ids, as a client would send them. */
public final class SignedEnvelopes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random;
    private final byte[] privateKey;
    private final String accountId;

    public SignedEnvelopes(long seed) {
        this.random = new Random(seed);
        this.privateKey = new byte[Ed25519.PRIVATE_KEY_BYTES];
        random.nextBytes(privateKey);
        this.accountId = Hex.encode(Ed25519.publicKeyOf(privateKey));
    }

    public String accountId() {
        return accountId;
    }

    /** A fresh UUID (from the seeded random, in the usual 8-4-4-4-12 form). */
    public String newId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A signed single-mode envelope with a fresh id. */
    public ObjectNode signed(String type, ObjectNode payload) {
        return EnvelopeSigner.sign(
                UnsignedEnvelope.single(
                        newId(), "app-1", accountId, type, "2026-11-21T07:00:00.123Z", payload),
                privateKey);
    }

    /** A signed envelope with a small payload numbered {@code n}. */
    public ObjectNode signed(int n) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("n", n);
        payload.put("text", "caf\u00e9 \u2615 \uD834\uDD1E #" + n);
        return signed("page.view", payload);
    }

    /** Compact JSON text of a tree. */
    public static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON text of an array of trees. */
    public static String jsonArray(ObjectNode... nodes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < nodes.length; i++) {
            out.append(i == 0 ? "" : ",").append(json(nodes[i]));
        }
        return out.append(']').toString();
    }

    /** Indented JSON text of a tree (whitespace a re-serializing gateway would lose). */
    public static String prettyJson(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
