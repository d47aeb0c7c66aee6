package io.cere.stack.storage.node.index;

import java.util.Arrays;
import java.util.Objects;

/**
 * One version of a metadata record as replicas keep it: the value, or a tombstone for a delete,
 * stamped with the time and the node that wrote it. Of two versions of a key the one with the
 * greater (timestamp, writer) wins, so every replica that has seen the same versions agrees on the
 * value, in whatever order they arrived. Tombstones are kept, or an old copy on a replica that
 * missed the delete would come back.
 */
public record VersionedRecord(
        String key, long timestamp, String writer, boolean tombstone, byte[] value) {

    public VersionedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(writer, "writer");
        value = tombstone ? new byte[0] : Objects.requireNonNull(value, "value");
    }

    public static VersionedRecord live(String key, long timestamp, String writer, byte[] value) {
        return new VersionedRecord(key, timestamp, writer, false, value);
    }

    public static VersionedRecord deleted(String key, long timestamp, String writer) {
        return new VersionedRecord(key, timestamp, writer, true, new byte[0]);
    }

    /** Whether this version wins over {@code other} (a version of the same key, or null). */
    public boolean supersedes(VersionedRecord other) {
        if (other == null) {
            return true;
        }
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp;
        }
        return writer.compareTo(other.writer) > 0;
    }

    /** Whether both are the same version (same stamp and writer). */
    public boolean sameVersion(VersionedRecord other) {
        return other != null && timestamp == other.timestamp && writer.equals(other.writer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionedRecord other
                && key.equals(other.key)
                && timestamp == other.timestamp
                && writer.equals(other.writer)
                && tombstone == other.tombstone
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, writer, tombstone) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key
                + "@"
                + timestamp
                + "/"
                + writer
                + (tombstone ? " (deleted)" : " (" + value.length + " bytes)");
    }
}
