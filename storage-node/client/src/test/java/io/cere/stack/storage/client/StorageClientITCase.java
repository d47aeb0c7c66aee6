package io.cere.stack.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.StorageCluster;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real cluster: six storage-node JVMs (4+2, segments of 1 MiB) on loopback,
 * started as the local stack starts them. The cluster is started once; the tests that kill nodes
 * run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageClientITCase {

    private static final String BUCKET = "itcase";
    private static final int MIB = 1 << 20;

    @TempDir static Path dir;

    private static StorageCluster cluster;
    private static StorageClient client;
    private static byte[] large;
    private static Cid largeCid;

    private final Random random = new Random(42L);

    @BeforeAll
    static void startCluster() throws Exception {
        cluster =
                StorageCluster.builder()
                        .dir(dir.resolve("storage"))
                        .basePort(FreePorts.pickConsecutive(6))
                        .startTimeout(Duration.ofMinutes(2))
                        .build()
                        .start();
        client = StorageClient.builder().nodes(cluster.urls()).build();
        large = new byte[3 * MIB + MIB / 2 + 17];
        new Random(1L).nextBytes(large);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    @Order(1)
    void aFileOfSeveralSegmentsGoesUpWithProgressAndComesBackByteIdentical() throws Exception {
        Path file = Files.write(dir.resolve("large.bin"), large);
        AtomicLong sent = new AtomicLong();

        StoredBlob stored =
                client.put(BUCKET, Upload.of(file).withProgress((done, total) -> sent.set(done)));
        largeCid = stored.cid();

        assertThat(stored.size()).isEqualTo(large.length);
        assertThat(sent.get()).isEqualTo(large.length);
        assertThat(largeCid.codec()).isEqualTo(Multicodec.DAG_CBOR);
        assertThat(client.get(BUCKET, largeCid)).isEqualTo(large);
        assertThat(client.size(BUCKET, largeCid)).isEqualTo(large.length);

        Path copy = dir.resolve("copy.bin");
        client.download(BUCKET, largeCid, copy, ProgressListener.NONE);
        assertThat(copy).hasBinaryContent(large);
    }

    @Test
    @Order(2)
    void theProofOfARealBlobVerifiesAndPlacesEachShardOnItsOwnNode() throws Exception {
        BlobProof proof = client.proof(BUCKET, largeCid);

        assertThat(proof.k()).isEqualTo(4);
        assertThat(proof.m()).isEqualTo(2);
        assertThat(proof.segments()).hasSize(4);
        for (BlobProof.Segment segment : proof.segments()) {
            Set<String> nodes = new HashSet<>();
            segment.shards().forEach(shard -> nodes.add(shard.node()));
            assertThat(nodes).as("nodes of segment " + segment.index()).hasSize(6);
        }
    }

    @Test
    @Order(3)
    void aSmallBlobGetsTheRawCidOfItsBytes() throws Exception {
        byte[] small = bytes(1000);

        StoredBlob stored = client.put(BUCKET, small);

        assertThat(stored.cid()).isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, small));
        assertThat(client.get(BUCKET, stored.cid())).isEqualTo(small);
    }

    @Test
    @Order(4)
    void aRangeAcrossSegmentsReadsTheRightBytes() throws Exception {
        long offset = MIB + MIB / 2;
        int length = MIB + 1000;

        try (InputStream in = client.open(BUCKET, largeCid, offset, length)) {
            assertThat(in.readAllBytes())
                    .isEqualTo(Arrays.copyOfRange(large, (int) offset, (int) offset + length));
        }
    }

    @Test
    @Order(5)
    void aBlake3BucketIsCheckedWithBlake3() throws Exception {
        byte[] content = bytes(2 * MIB + 3);

        StoredBlob stored =
                client.put("itcase-blake3", Upload.of(content).withHash(HashAlgorithm.BLAKE3));

        assertThat(stored.cid().hashAlgorithm()).isEqualTo(HashAlgorithm.BLAKE3);
        assertThat(client.get("itcase-blake3", stored.cid())).isEqualTo(content);
    }

    @Test
    @Order(6)
    void anUnknownCidIsNotFound() {
        Cid unknown = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes(10));

        assertThatThrownBy(() -> client.get(BUCKET, unknown))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("404");
    }

    @Test
    @Order(7)
    void withMNodesKilledIncludingTheFirstAskedEveryBlobStillReadsBack() throws Exception {
        cluster.node(0).kill();
        cluster.node(3).kill();

        assertThat(client.get(BUCKET, largeCid)).isEqualTo(large);
        assertThat(client.nodes().get(0)).isEqualTo(cluster.node(0).url());
    }

    @Test
    @Order(8)
    void withOneNodeMoreDownReadsFailWithTheNodesOwn503() {
        cluster.node(5).kill();

        assertThatThrownBy(() -> client.get(BUCKET, largeCid))
                .isInstanceOfSatisfying(
                        StorageNodeException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.nodeMessage()).isNotBlank();
                        });
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
