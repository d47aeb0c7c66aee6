package io.cere.stack.schemas.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded Ed25519 keys of the accounts seen most recently, by account id (lower-case hex). A
 * bounded least-recently-used map: a stream of events comes from far fewer accounts than events,
 * and decoding a key is a good share of a verify.
 *
 * <p>Not thread-safe: one per thread, as one per Flink operator instance.
 */
public final class VerifyingKeys {

    private final Map<String, Ed25519.VerifyingKey> keys;

    /**
     * @param capacity how many keys to keep; a key decodes to about 200 bytes
     */
    public VerifyingKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.keys =
                new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(
                            Map.Entry<String, Ed25519.VerifyingKey> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /**
     * The key of {@code accountId}, 64 hex characters.
     *
     * @throws IllegalArgumentException if {@code accountId} is not 32 bytes of hex
     */
    public Ed25519.VerifyingKey get(String accountId) {
        Ed25519.VerifyingKey key = keys.get(accountId);
        if (key == null) {
            key = Ed25519.VerifyingKey.of(Hex.decode(accountId));
            keys.put(accountId, key);
        }
        return key;
    }

    public int size() {
        return keys.size();
    }
}
