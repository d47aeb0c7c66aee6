package io.cere.stack.storage.node.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {

    @TempDir Path dir;

    @Test
    void keepsTheNewestVersionWhateverTheOrderOfArrival() throws IOException {
        try (RecordStore store = RecordStore.open(dir)) {
            assertThat(store.apply("ns", live("k", 20, "a", "new"))).isTrue();
            assertThat(store.apply("ns", live("k", 10, "b", "old"))).isFalse();
            assertThat(store.apply("ns", live("k", 20, "b", "tie"))).isTrue();

            assertThat(value(store, "k")).isEqualTo("tie");
            assertThat(store.get("other", "k")).isEmpty();
        }
    }

    @Test
    void replaysItsLogAfterARestart() throws IOException {
        try (RecordStore store = RecordStore.open(dir)) {
            store.apply("ns", live("a", 1, "n", "1"));
            store.apply("ns", live("b", 2, "n", "2"));
            store.apply("ns", VersionedRecord.deleted("a", 3, "n"));
        }
        try (RecordStore store = RecordStore.open(dir)) {
            assertThat(store.get("ns", "a"))
                    .get()
                    .extracting(VersionedRecord::tombstone)
                    .isEqualTo(true);
            assertThat(value(store, "b")).isEqualTo("2");
        }
    }

    @Test
    void cutsOffAnEntryTornByACrash() throws IOException {
        try (RecordStore store = RecordStore.open(dir)) {
            store.apply("ns", live("a", 1, "n", "kept"));
            store.apply("ns", live("b", 2, "n", "torn"));
        }
        Path log = dir.resolve(RecordStore.LOG_FILE);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3);
        }
        try (RecordStore store = RecordStore.open(dir)) {
            assertThat(value(store, "a")).isEqualTo("kept");
            assertThat(store.get("ns", "b")).isEmpty();
            store.apply("ns", live("c", 3, "n", "after"));
        }
        try (RecordStore store = RecordStore.open(dir)) {
            assertThat(value(store, "c")).isEqualTo("after");
        }
    }

    @Test
    void listsByUtf8OrderFromAfterTheStartKeyWithinThePrefix() throws IOException {
        try (RecordStore store = RecordStore.open(dir)) {
            for (String key : List.of("p/b", "p/a", "q/a", "p/\uFFFD", "p/\uD83D\uDE00", "o")) {
                store.apply("ns", live(key, 1, "n", key));
            }

            assertThat(keys(store.list("ns", "p/", "", 10)))
                    .containsExactly("p/a", "p/b", "p/\uFFFD", "p/\uD83D\uDE00");
            assertThat(keys(store.list("ns", "p/", "p/a", 2))).containsExactly("p/b", "p/\uFFFD");
            assertThat(keys(store.list("ns", "", "p/\uD83D\uDE00", 10))).containsExactly("q/a");
            assertThat(keys(store.list("ns", "p/", "a", 1))).containsExactly("p/a");
        }
    }

    private static List<String> keys(List<VersionedRecord> records) {
        return records.stream().map(VersionedRecord::key).toList();
    }

    private static String value(RecordStore store, String key) {
        return new String(store.get("ns", key).orElseThrow().value(), StandardCharsets.UTF_8);
    }

    private static VersionedRecord live(String key, long timestamp, String writer, String value) {
        return VersionedRecord.live(key, timestamp, writer, value.getBytes(StandardCharsets.UTF_8));
    }
}
