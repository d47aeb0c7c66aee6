package io.cere.stack.storage.node.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.disk.DurableFiles;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.metrics.RepairSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardStoreTest {

    @TempDir Path dataDir;
    private final NodeMetrics metrics = new NodeMetrics();

    @Test
    void storesAShardAsAFileNamedByItsCidHoldingExactlyItsBytes() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        byte[] content = random(1, 1000);
        Cid cid = cidOf(content);

        store.put(cid, content, owner(cid));

        Path file = store.shardFile(cid);
        assertThat(file.getFileName().toString()).isEqualTo(cid.toString());
        assertThat(file.getParent().getParent()).isEqualTo(dataDir.resolve("shards"));
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(store.read(cid)).contains(content);
        assertThat(store.owners(cid)).containsExactly(owner(cid));
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(1000);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(DurableFiles.TEMPORARY_PREFIX));
        }
    }

    @Test
    void refusesBytesThatDoNotHashToTheCidAndWritesNothing() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        byte[] content = random(2, 100);
        Cid cid = cidOf(content);
        byte[] other = random(3, 100);

        assertThatThrownBy(() -> store.put(cid, other, owner(cid)))
                .isInstanceOf(ShardMismatchException.class)
                .hasMessageContaining(cid.toString());
        assertThat(store.contains(cid)).isFalse();
        assertThat(store.owners(cid)).isEmpty();
    }

    @Test
    void quarantinesACorruptShardOnReadAndNeverReturnsIt() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        byte[] content = random(4, 500);
        Cid cid = cidOf(content);
        store.put(cid, content, owner(cid));
        byte[] damaged = content.clone();
        damaged[7] ^= 1;
        Files.write(store.shardFile(cid), damaged);

        assertThat(store.read(cid)).isEmpty();

        assertThat(store.contains(cid)).isFalse();
        assertThat(metrics.bitrot(RepairSource.READ)).isEqualTo(1);
        try (Stream<Path> quarantined = Files.list(dataDir.resolve("quarantine"))) {
            assertThat(quarantined.map(p -> p.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .startsWith(cid.toString());
        }
        assertThat(store.pendingRepairs()).containsExactly(cid);
        assertThat(store.count()).isZero();
    }

    @Test
    void checkTellsHealthyMissingAndCorruptApart() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        byte[] content = random(5, 64);
        Cid cid = cidOf(content);
        store.put(cid, content, owner(cid));

        assertThat(store.check(cid, RepairSource.SCRUB)).isEqualTo(ShardStore.Health.HEALTHY);
        Files.write(store.shardFile(cid), new byte[64]);
        assertThat(store.check(cid, RepairSource.SCRUB)).isEqualTo(ShardStore.Health.CORRUPT);
        assertThat(store.check(cid, RepairSource.SCRUB)).isEqualTo(ShardStore.Health.MISSING);
        assertThat(metrics.bitrot(RepairSource.SCRUB)).isEqualTo(1);
    }

    @Test
    void cleansUpWhatACrashLeftAndCountsWhatIsThere() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        List<Cid> cids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] content = random(10 + i, 100 + i);
            Cid cid = cidOf(content);
            store.put(cid, content, owner(cid));
            cids.add(cid);
        }
        Path dir = store.shardFile(cids.get(0)).getParent();
        Path leftover = dir.resolve(DurableFiles.TEMPORARY_PREFIX + cids.get(0) + "-1234");
        Files.write(leftover, new byte[10]);

        ShardStore reopened = ShardStore.open(dataDir, metrics);

        assertThat(leftover).doesNotExist();
        assertThat(reopened.count()).isEqualTo(5);
        assertThat(reopened.bytes()).isEqualTo(5 * 100 + 10);
        List<Cid> seen = new ArrayList<>();
        reopened.forEachShard(seen::add);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(cids);
        for (Cid cid : cids) {
            assertThat(reopened.read(cid)).isPresent();
        }
    }

    @Test
    void keepsEveryOwnerOfAShardSharedBySegments() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        byte[] zeros = new byte[256];
        Cid cid = cidOf(zeros);
        ShardOwner first =
                new ShardOwner(
                        cidOf(new byte[1]), 1024, 4, 0, List.of(cid, cid, cid, cid, cid, cid));
        ShardOwner second =
                new ShardOwner(
                        cidOf(new byte[2]), 1024, 4, 2, List.of(cid, cid, cid, cid, cid, cid));

        store.put(cid, zeros, first);
        store.put(cid, zeros, second);
        store.put(cid, zeros, first);

        assertThat(ShardStore.open(dataDir, metrics).owners(cid)).containsExactly(first, second);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void forgetsOnlyOwnerFilesOfShardsThatAreGone() throws IOException {
        ShardStore store = ShardStore.open(dataDir, metrics);
        byte[] content = random(20, 10);
        Cid cid = cidOf(content);
        store.put(cid, content, owner(cid));

        store.forget(cid);
        assertThat(store.owners(cid)).isNotEmpty();

        Files.write(store.shardFile(cid), new byte[10]);
        store.read(cid);
        store.forget(cid);
        assertThat(store.owners(cid)).isEmpty();
        assertThat(store.pendingRepairs()).isEmpty();
    }

    private static ShardOwner owner(Cid shard) {
        return new ShardOwner(
                cidOf(new byte[] {9}),
                4000,
                2,
                1,
                List.of(cidOf(new byte[] {1}), shard, cidOf(new byte[] {2})));
    }

    private static Cid cidOf(byte[] content) {
        return Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content);
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
