package io.cere.stack.launcher.storage.testutils;

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

/** The S3 API's metadata index in memory: one map per namespace, keys in UTF-8 byte order. */
public final class InMemoryMetadataIndex implements MetadataIndex {

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
        for (Map.Entry<String, byte[]> entry : namespace(namespace).entrySet()) {
            String key = entry.getKey();
            if (entries.size() >= limit) {
                break;
            }
            if (key.startsWith(prefix) && UTF8_ORDER.compare(key, startAfter) > 0) {
                entries.add(new Entry(key, entry.getValue().clone()));
            }
        }
        return entries;
    }

    private ConcurrentSkipListMap<String, byte[]> namespace(String name) {
        return namespaces.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>(UTF8_ORDER));
    }
}
