package io.cere.stack.storage.node.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.manifest.StoredSegment;
import io.cere.stack.storage.node.metrics.RepairSource;
import io.cere.stack.storage.node.scrub.ScrubReport;
import io.cere.stack.storage.node.testutils.Await;
import io.cere.stack.storage.node.testutils.InProcessCluster;
import io.cere.stack.storage.node.testutils.InProcessCluster.Node;
import io.cere.stack.storage.s3.backend.BlobNotFoundException;
import io.cere.stack.storage.s3.backend.BlobStore.StoredBlob;
import io.cere.stack.storage.s3.backend.BucketHashConflictException;
import io.cere.stack.storage.s3.backend.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErasureBlobStoreTest {

    private static final int SEGMENT = 4096;
    private static final int K = 4;
    private static final int M = 2;

    @TempDir Path dir;
    private InProcessCluster cluster;

    @BeforeEach
    void startCluster() throws IOException {
        cluster = new InProcessCluster(dir, 7, K, M, SEGMENT);
    }

    @AfterEach
    void stopCluster() throws IOException {
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 7})
    void readsBackWhatWasWrittenThroughAnyNode(int size) throws IOException {
        byte[] data = random(size, size);
        StoredBlob stored = put(cluster.node(0), data);

        assertThat(stored.size()).isEqualTo(size);
        for (Node node : cluster.nodes()) {
            assertThat(read(node, stored.cid(), 0, size)).isEqualTo(data);
        }
    }

    @Test
    void addressesSmallBlobsByTheRawCidOfTheirBytes() throws IOException {
        byte[] data = random(1, SEGMENT);

        StoredBlob stored = put(cluster.node(0), data);

        assertThat(stored.cid())
                .isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, data).toString());
    }

    @Test
    void addressesLargerBlobsByTheirDagCborRoot() throws IOException {
        StoredBlob stored = put(cluster.node(0), random(2, 2 * SEGMENT + 1));

        Cid cid = Cid.parse(stored.cid());
        assertThat(cid.codec()).isEqualTo(Multicodec.DAG_CBOR);
        Manifest manifest = cluster.node(3).blobs().manifest(stored.cid());
        assertThat(manifest.segments()).hasSize(3);
        for (StoredSegment segment : manifest.segments()) {
            assertThat(segment.nodes()).doesNotHaveDuplicates().hasSize(K + M);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 3 * SEGMENT + 5})
    void storesABlockAsOneSegmentAddressedByTheDagCborCidOfItsBytes(int entries)
            throws IOException {
        byte[] block = DagCbor.encode(Map.of("entries", Collections.nCopies(entries, 7L)));

        StoredBlob stored = cluster.node(0).blobs().putBlock("b", Multicodec.DAG_CBOR, block);

        assertThat(stored.cid())
                .isEqualTo(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, block).toString());
        Manifest manifest = cluster.node(4).blobs().manifest(stored.cid());
        assertThat(manifest.segments()).hasSize(1);
        assertThat(manifest.segmentSize()).isGreaterThanOrEqualTo(block.length);
        cluster.stop(0);
        cluster.stop(5);
        for (int reader : new int[] {1, 2, 3, 4, 6}) {
            assertThat(read(cluster.node(reader), stored.cid(), 0, block.length))
                    .as("read through node %d with nodes 0 and 5 stopped", reader)
                    .isEqualTo(block);
        }
    }

    @Test
    void addressesABlockWithTheBucketsHashAlgorithm() throws IOException {
        cluster.node(0)
                .blobs()
                .put("fast", HashAlgorithm.BLAKE3, new ByteArrayInputStream(new byte[1]));
        byte[] block = DagCbor.encode(Map.of("a", 1L));

        StoredBlob stored = cluster.node(1).blobs().putBlock("fast", Multicodec.DAG_CBOR, block);

        assertThat(Cid.parse(stored.cid()))
                .isEqualTo(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.BLAKE3, block));
        assertThat(read(cluster.node(2), stored.cid(), 0, block.length)).isEqualTo(block);
    }

    @Test
    void refusesRawEmptyAndOversizeBlocks() {
        ErasureBlobStore blobs = cluster.node(0).blobs();

        assertThatThrownBy(() -> blobs.putBlock("b", Multicodec.RAW, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not raw");
        assertThatThrownBy(() -> blobs.putBlock("b", Multicodec.DAG_CBOR, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block of 0 bytes");
        byte[] oversize = new byte[BlobWriter.MAX_BLOCK_BYTES + 1];
        assertThatThrownBy(() -> blobs.putBlock("b", Multicodec.DAG_CBOR, oversize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block of " + oversize.length + " bytes");
    }

    @Test
    void usesTheHashAlgorithmTheBucketWasCreatedWith() throws IOException {
        byte[] data = random(3, 100);
        StoredBlob stored =
                cluster.node(0)
                        .blobs()
                        .put("fast", HashAlgorithm.BLAKE3, new ByteArrayInputStream(data));

        assertThat(Cid.parse(stored.cid()))
                .isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.BLAKE3, data));
        StoredBlob again = cluster.node(1).blobs().put("fast", new ByteArrayInputStream(data));
        assertThat(again.cid()).isEqualTo(stored.cid());
        assertThatThrownBy(
                        () ->
                                cluster.node(2)
                                        .blobs()
                                        .put(
                                                "fast",
                                                HashAlgorithm.SHA2_256,
                                                new ByteArrayInputStream(data)))
                .isInstanceOf(BucketHashConflictException.class)
                .hasMessageContaining("blake3");
    }

    @Test
    void readsRangesAcrossSegmentBoundaries() throws IOException {
        byte[] data = random(4, 3 * SEGMENT + 100);
        StoredBlob stored = put(cluster.node(0), data);

        long[][] ranges = {
            {0, 1},
            {SEGMENT - 1, 2},
            {SEGMENT, SEGMENT},
            {10, 2 * SEGMENT + 50},
            {3 * SEGMENT + 99, 1},
            {5, 0}
        };
        for (long[] range : ranges) {
            assertThat(read(cluster.node(2), stored.cid(), range[0], range[1]))
                    .isEqualTo(
                            Arrays.copyOfRange(data, (int) range[0], (int) (range[0] + range[1])));
        }
        assertThatThrownBy(
                        () -> cluster.node(2).blobs().open("b", stored.cid(), data.length - 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void readsEveryObjectWithAnyMNodesStopped() throws IOException {
        byte[][] data = new byte[4][];
        String[] cids = new String[4];
        for (int i = 0; i < data.length; i++) {
            data[i] = random(10 + i, i * SEGMENT + 17);
            cids[i] = put(cluster.node(i), data[i]).cid();
        }
        int nodes = cluster.nodes().size();
        for (int a = 0; a < nodes; a++) {
            for (int b = a + 1; b < nodes; b++) {
                cluster.stop(a);
                cluster.stop(b);
                Node reader = cluster.node(firstOther(a, b));
                for (int i = 0; i < data.length; i++) {
                    assertThat(read(reader, cids[i], 0, data[i].length))
                            .as("object %d with nodes %d and %d stopped", i, a, b)
                            .isEqualTo(data[i]);
                }
                cluster.restart(a);
                cluster.restart(b);
            }
        }
    }

    @Test
    void refusesToReadWhenMoreThanMNodesHoldingShardsAreStopped() throws IOException {
        byte[] data = random(5, SEGMENT);
        StoredBlob stored = put(cluster.node(0), data);
        Manifest manifest = cluster.node(0).blobs().manifest(stored.cid());
        StoredSegment segment = manifest.segments().get(0);
        int reader = -1;
        for (int i = 0; i < cluster.nodes().size(); i++) {
            String id = cluster.node(i).id();
            if (segment.nodes().subList(0, M + 1).contains(id)) {
                cluster.stop(i);
            } else if (reader < 0) {
                reader = i;
            }
        }

        Node survivor = cluster.node(reader);
        assertThatThrownBy(() -> read(survivor, stored.cid(), 0, data.length))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("segment 0")
                .hasMessageContaining("found " + (K + M - (M + 1)) + " healthy shards of the " + K);
    }

    @Test
    void writesToSpareNodesWhenPreferredOnesAreStoppedAndFailsWithoutEnoughNodes()
            throws IOException {
        cluster.stop(1);
        byte[] data = random(6, 2 * SEGMENT);
        StoredBlob stored = put(cluster.node(0), data);
        cluster.restart(1);
        assertThat(read(cluster.node(1), stored.cid(), 0, data.length)).isEqualTo(data);

        cluster.stop(1);
        cluster.stop(2);
        StoredBlob another = null;
        try {
            another = put(cluster.node(0), random(7, SEGMENT));
        } catch (StorageUnavailableException e) {
            assertThat(e).hasMessageContaining("need " + (K + M) + " distinct nodes and 2 of");
        }
        assertThat(another).as("7 nodes, 2 stopped, 6 shards per segment").isNull();
    }

    @Test
    void reportsMissingBlobsAsNotFound() throws IOException {
        String absent = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[] {42}).toString();

        assertThatThrownBy(() -> cluster.node(0).blobs().size("b", absent))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(absent);
    }

    @Test
    void servesTheRightBytesFromACorruptShardAndRepairsItOnRead() throws IOException {
        byte[] data = random(8, SEGMENT);
        StoredBlob stored = put(cluster.node(0), data);
        StoredSegment segment = cluster.node(0).blobs().manifest(stored.cid()).segments().get(0);
        Node holder = nodeNamed(segment.nodes().get(0));
        Path file = holder.shards().shardFile(segment.shards().get(0));
        flipByte(file, 10);

        assertThat(read(cluster.node(6), stored.cid(), 0, data.length)).isEqualTo(data);

        assertThat(holder.metrics().bitrot(RepairSource.READ)).isEqualTo(1);
        Await.until(
                Duration.ofSeconds(10),
                "the read repair",
                () -> cluster.node(6).metrics().repairs(RepairSource.READ) == 1);
        assertThat(segment.shards().get(0).verifies(Files.readAllBytes(file))).isTrue();
    }

    @Test
    void servesTheRightBytesWithoutADeletedShardAndWritesItBackOnRead() throws IOException {
        byte[] data = random(10, 2 * SEGMENT + 5);
        StoredBlob stored = put(cluster.node(0), data);
        StoredSegment segment = cluster.node(0).blobs().manifest(stored.cid()).segments().get(1);
        Node holder = nodeNamed(segment.nodes().get(2));
        Path file = holder.shards().shardFile(segment.shards().get(2));
        Files.delete(file);

        assertThat(read(cluster.node(6), stored.cid(), 0, data.length)).isEqualTo(data);

        assertThat(cluster.node(6).metrics().shardsMissing()).isEqualTo(1);
        Await.until(
                Duration.ofSeconds(10),
                "the read repair",
                () -> cluster.node(6).metrics().repairs(RepairSource.READ) == 1);
        assertThat(segment.shards().get(2).verifies(Files.readAllBytes(file))).isTrue();
    }

    @Test
    void scrubberFindsBitrotAndRebuildsTheShard() throws IOException {
        byte[] data = random(9, 2 * SEGMENT);
        StoredBlob stored = put(cluster.node(0), data);
        StoredSegment segment = cluster.node(0).blobs().manifest(stored.cid()).segments().get(1);
        Node holder = nodeNamed(segment.nodes().get(K));
        Path file = holder.shards().shardFile(segment.shards().get(K));
        flipByte(file, 0);

        ScrubReport report = holder.scrubber().runOnce();

        assertThat(report.corrupt()).isEqualTo(1);
        assertThat(report.repaired()).isEqualTo(1);
        assertThat(holder.metrics().bitrot(RepairSource.SCRUB)).isEqualTo(1);
        assertThat(holder.metrics().repairs(RepairSource.SCRUB)).isEqualTo(1);
        assertThat(segment.shards().get(K).verifies(Files.readAllBytes(file))).isTrue();
        assertThat(holder.scrubber().runOnce().corrupt()).isZero();
    }

    private Node nodeNamed(String id) {
        return cluster.nodes().stream()
                .filter(node -> node.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static StoredBlob put(Node node, byte[] data) throws IOException {
        return node.blobs().put("bucket", new ByteArrayInputStream(data));
    }

    private static byte[] read(Node node, String cid, long offset, long length) throws IOException {
        try (InputStream in = node.blobs().open("bucket", cid, offset, length)) {
            return in.readAllBytes();
        }
    }

    private int firstOther(int a, int b) {
        for (int i = 0; ; i++) {
            if (i != a && i != b) {
                return i;
            }
        }
    }

    static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x5a;
        Files.write(file, bytes);
    }

    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
