package io.cere.stack.storage.node.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.node.testutils.InProcessCluster;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import io.cere.stack.storage.s3.backend.MetadataIndex.Entry;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatedMetadataIndexTest {

    @TempDir Path dir;
    private InProcessCluster cluster;

    @BeforeEach
    void startCluster() throws IOException {
        cluster = new InProcessCluster(dir, 6, 4, 2, 4096);
    }

    @AfterEach
    void stopCluster() throws IOException {
        cluster.close();
    }

    @Test
    void readsThroughAnyNodeWhatWasWrittenThroughAnother() throws IOException {
        index(0).put("objects", "a/b", bytes("1"));

        for (int i = 0; i < 6; i++) {
            assertThat(text(index(i).get("objects", "a/b"))).contains("1");
        }
        long copies =
                cluster.nodes().stream()
                        .filter(node -> node.local().records().get("objects", "a/b").isPresent())
                        .count();
        assertThat(copies).isEqualTo(3);
    }

    @Test
    void keepsWorkingWithMNodesStoppedAndReadsBackWritesMadeMeanwhile() throws IOException {
        index(0).put("objects", "k", bytes("before"));
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                cluster.stop(a);
                cluster.stop(b);
                int writer = firstOther(a, b, -1);
                String value = a + "-" + b;
                index(writer).put("objects", "k", bytes(value));
                cluster.restart(a);
                cluster.restart(b);
                for (int reader = 0; reader < 6; reader++) {
                    assertThat(text(index(reader).get("objects", "k")))
                            .as("written with %d and %d stopped, read through %d", a, b, reader)
                            .contains(value);
                }
            }
        }
    }

    @Test
    void deletesLeaveTombstonesThatStopOldCopiesComingBack() throws IOException {
        index(0).put("objects", "gone", bytes("x"));
        int replica = replicaOf("objects", "gone");
        cluster.stop(replica);

        assertThat(index(firstOther(replica, -1, -1)).delete("objects", "gone")).isTrue();
        cluster.restart(replica);

        for (int i = 0; i < 6; i++) {
            assertThat(index(i).get("objects", "gone")).isEmpty();
            assertThat(keys(index(i).list("objects", "", "", 10))).doesNotContain("gone");
        }
        assertThat(index(0).delete("objects", "gone")).isFalse();
    }

    @Test
    void listsMergedAcrossNodesInKeyOrderPageByPage() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String key = String.format("dir/%03d", i);
            index(i % 6).put("objects", key, bytes(key));
            expected.add(key);
        }
        index(0).put("objects", "other/x", bytes("x"));
        for (int i = 0; i < 120; i += 3) {
            index(1).delete("objects", expected.get(i));
        }
        List<String> live =
                expected.stream().filter(k -> Integer.parseInt(k.substring(4)) % 3 != 0).toList();
        cluster.stop(2);
        cluster.stop(5);

        assertThat(keys(index(0).list("objects", "dir/", "", 1000))).isEqualTo(live);
        assertThat(keys(index(3).list("objects", "dir/", "dir/050", 5)))
                .containsExactly("dir/052", "dir/053", "dir/055", "dir/056", "dir/058");
        List<String> paged = new ArrayList<>();
        String after = "";
        while (true) {
            List<Entry> page = index(4).list("objects", "dir/", after, 7);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(entry -> paged.add(entry.key()));
            after = page.get(page.size() - 1).key();
        }
        assertThat(paged).isEqualTo(live);
    }

    @Test
    void refusesToListOrWriteWithMoreThanMNodesStopped() throws IOException {
        index(0).put("objects", "k", bytes("v"));
        cluster.stop(0);
        cluster.stop(1);
        cluster.stop(2);
        cluster.stop(3);

        assertThatThrownBy(() -> index(4).list("objects", "", "", 10))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("4 nodes did not answer and at most 2 may be missing");
        assertThatThrownBy(() -> index(4).put("objects", "k2", bytes("v")))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("2 of the 3 replicas it needs took it");
    }

    @Test
    void putIfAbsentWritesOnlyTheFirstValue() throws IOException {
        assertThat(index(0).putIfAbsent("buckets", "b", bytes("first"))).isTrue();
        assertThat(index(3).putIfAbsent("buckets", "b", bytes("second"))).isFalse();
        assertThat(text(index(5).get("buckets", "b"))).contains("first");

        index(2).delete("buckets", "b");
        assertThat(index(4).putIfAbsent("buckets", "b", bytes("third"))).isTrue();
        assertThat(text(index(1).get("buckets", "b"))).contains("third");
    }

    private int replicaOf(String namespace, String key) {
        for (int i = 0; i < 6; i++) {
            if (cluster.node(i).local().records().get(namespace, key).isPresent()) {
                return i;
            }
        }
        throw new AssertionError("no replica holds " + key);
    }

    private MetadataIndex index(int node) {
        return cluster.node(node).index();
    }

    private static int firstOther(int a, int b, int c) {
        for (int i = 0; ; i++) {
            if (i != a && i != b && i != c) {
                return i;
            }
        }
    }

    private static List<String> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> text(Optional<byte[]> value) {
        return value.map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
