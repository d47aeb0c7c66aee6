package io.cere.stack.storage.s3.testutils;

import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A reference {@link MetadataIndex} for protocol tests of the S3 API: one sorted map per namespace,
 * in memory, keys ordered by their UTF-8 bytes as the interface requires. It is not the storage
 * node's index: nothing is durable or shared.
 */
public final class SortedMapMetadataIndex implements MetadataIndex {

    private static final Comparator<String> UTF8_ORDER =
            (a, b) ->
                    Arrays.compareUnsigned(
                            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Map<String, ConcurrentSkipListMap<String, byte[]>> namespaces =
            new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        return Optional.ofNullable(namespace(namespace).get(key)).map(byte[]::clone);
    }

    @Override
    public void put(String namespace, String key, byte[] value) {
        namespace(namespace).put(key, value.clone());
    }

    @Override
    public boolean putIfAbsent(String namespace, String key, byte[] value) {
        return namespace(namespace).putIfAbsent(key, value.clone()) == null;
    }

    @Override
    public boolean delete(String namespace, String key) {
        return namespace(namespace).remove(key) != null;
    }

    @Override
    public List<Entry> list(String namespace, String prefix, String startAfter, int limit) {
        List<Entry> entries = new ArrayList<>();
        var map = namespace(namespace);
        String from = UTF8_ORDER.compare(prefix, startAfter) > 0 ? prefix : startAfter;
        boolean inclusive = !from.equals(startAfter) || startAfter.isEmpty();
        for (Map.Entry<String, byte[]> entry : map.tailMap(from, inclusive).entrySet()) {
            if (entries.size() >= limit || !entry.getKey().startsWith(prefix)) {
                break;
            }
            entries.add(new Entry(entry.getKey(), entry.getValue().clone()));
        }
        return entries;
    }

    /** How many records a namespace holds. */
    public int size(String namespace) {
        return namespace(namespace).size();
    }

    private ConcurrentSkipListMap<String, byte[]> namespace(String name) {
        return namespaces.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>(UTF8_ORDER));
    }
}
