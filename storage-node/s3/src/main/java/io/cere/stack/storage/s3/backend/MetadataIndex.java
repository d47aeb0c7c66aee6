package io.cere.stack.storage.s3.backend;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A durable, ordered map of small records in named namespaces, shared by every node of a cluster (a
 * record written through one node is read through any other). The S3 API keeps buckets, object
 * entries and multipart uploads here. Implementations are thread-safe; a write returns once it is
 * durable.
 */
public interface MetadataIndex {

    Optional<byte[]> get(String namespace, String key) throws IOException;

    void put(String namespace, String key, byte[] value) throws IOException;

    /** Writes the record only when the key has none; returns whether it wrote. */
    boolean putIfAbsent(String namespace, String key, byte[] value) throws IOException;

    /** Removes the record; returns whether there was one. */
    boolean delete(String namespace, String key) throws IOException;

    /**
     * Records whose keys start with {@code prefix} and sort after {@code startAfter} (by their
     * UTF-8 bytes; {@code ""} for from the start), in key order, at most {@code limit}.
     */
    List<Entry> list(String namespace, String prefix, String startAfter, int limit)
            throws IOException;

    /** One record. */
    record Entry(String key, byte[] value) {}
}
