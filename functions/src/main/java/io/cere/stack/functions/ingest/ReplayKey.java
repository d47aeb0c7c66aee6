package io.cere.stack.functions.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What replays are recognised by: the first 128 bits of SHA-256 over an event's {@code (appId,
 * id)}.
 *
 * <p>The replay state holds one entry per event accepted in the window, and a heap snapshot writes
 * every key at every checkpoint: two longs serialize several times faster than the ~45-character
 * string they stand for, and take a third of the space. A cryptographic hash keeps the fingerprint
 * collision-free in practice (10⁹ ids a day give a chance below 10⁻²⁰) and, unlike a fast hash,
 * gives a client no way to craft an id that makes another app's event look like a replay.
 *
 * <p>A Flink POJO: it is the key of the replay state and travels with each event.
 */
public final class ReplayKey {

    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(ReplayKey::sha256);

    public long high;
    public long low;

    public ReplayKey() {}

    public ReplayKey(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** The key of event {@code id} of app {@code appId}. */
    public static ReplayKey of(String appId, String id) {
        MessageDigest digest = SHA_256.get();
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        // The app id's length first, so no (appId, id) pair reads as another.
        digest.update((byte) (app.length >>> 24));
        digest.update((byte) (app.length >>> 16));
        digest.update((byte) (app.length >>> 8));
        digest.update((byte) app.length);
        digest.update(app);
        digest.update(id.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        return new ReplayKey(hash.getLong(), hash.getLong());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayKey k && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
