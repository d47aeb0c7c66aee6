package io.cere.stack.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.manifest.ObjectRoot;
import io.cere.stack.storage.node.manifest.StoredSegment;
import io.cere.stack.storage.node.testutils.Await;
import io.cere.stack.storage.node.testutils.NodeClient;
import io.cere.stack.storage.node.testutils.ProcessCluster;
import io.cere.stack.storage.s3.auth.AccessKey;
import io.cere.stack.storage.s3.testutils.S3Clients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The native API's contract, and what only a cluster does, on a real cluster: six node JVMs on
 * loopback, 4+2 erasure code, 64 KiB segments. Nodes are killed with SIGKILL and started again on
 * their data; every test leaves all six running.
 */
class StorageClusterITCase extends CasApiContractSuite {

    private static final int NODES = 6;
    private static final AccessKey S3_KEY = new AccessKey("cluster-it", "cluster-it-secret");
    private static final String REGION = "us-east-1";

    @TempDir static Path dir;
    private ProcessCluster cluster;

    @Override
    protected void start() throws Exception {
        Path credentials = dir.resolve("s3-credentials");
        Files.writeString(credentials, S3_KEY.id() + " " + S3_KEY.secret() + "\n");
        cluster =
                ProcessCluster.start(
                        dir.resolve("cluster"),
                        NODES,
                        "\"k\": 4, \"m\": 2, \"segmentSize\": \"64KiB\", \"peerTimeout\": \"3s\","
                                + " \"startupTimeout\": \"60s\", \"scrub\": {\"interval\": \"0s\"}",
                        List.of("--s3-credentials", credentials.toAbsolutePath().toString()));
    }

    @Override
    protected List<URI> nodes() {
        return IntStream.range(0, NODES).mapToObj(cluster::uri).toList();
    }

    @Override
    protected String nodeId(int index) {
        return ProcessCluster.id(index);
    }

    @AfterEach
    void restartKilledNodes() throws Exception {
        cluster.restartStopped();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyObjectReadsBackByteIdenticalWithAnyTwoNodesKilled() throws Exception {
        int[][] combinations = {{0, 1}, {2, 5}, {3, 4}};
        for (int[] killed : combinations) {
            cluster.kill(killed[0]);
            cluster.kill(killed[1]);
            int reader = survivor(killed);
            for (Map.Entry<String, byte[]> object : stored.entrySet()) {
                HttpResponse<byte[]> response =
                        client.get(node(reader), BUCKET, object.getKey(), null);
                assertThat(response.statusCode())
                        .as(
                                "%s with %s and %s killed",
                                object.getKey(),
                                ProcessCluster.id(killed[0]),
                                ProcessCluster.id(killed[1]))
                        .isEqualTo(200);
                assertThat(response.body()).isEqualTo(object.getValue());
            }
            // Six nodes for six shards per segment: with two down, writes are refused whole.
            HttpResponse<String> refused = client.put(node(reader), BUCKET, random(100, 10));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body())
                    .contains(
                            "need 6 distinct nodes",
                            ProcessCluster.id(killed[0]),
                            ProcessCluster.id(killed[1]));
            cluster.restartStopped();
        }
    }

    @Test
    void readsFailWith503AndNeverWrongBytesWithThreeNodesKilled() {
        cluster.kill(0);
        cluster.kill(2);
        cluster.kill(4);

        for (Map.Entry<String, byte[]> object : stored.entrySet()) {
            HttpResponse<byte[]> response = client.get(node(3), BUCKET, object.getKey(), null);
            if (object.getValue().length == 0) {
                // An empty object has no shards; it only needs one of its manifest copies.
                if (response.statusCode() == 200) {
                    assertThat(response.body()).isEmpty();
                    continue;
                }
            }
            assertThat(response.statusCode()).as(object.getKey()).isEqualTo(503);
            JsonNode error = NodeClient.json(new String(response.body()));
            assertThat(error.get("error").asText()).isEqualTo("StorageUnavailable");
            assertThat(error.get("message").asText())
                    .containsAnyOf("healthy shards of the 4 needed", "manifest");
        }
    }

    @Test
    void servesTheRightBytesFromACorruptShardAndRepairsIt() throws Exception {
        String cid = firstMultiSegmentObject();
        JsonNode shard = proof(cid).get("segments").get(1).get("shards").get(0);
        Path file = shardFile(shard);
        flipByte(file);

        double repairsBefore =
                client.metric(node(5), "cere_storage_repairs_total{source=\"read\"}");
        HttpResponse<byte[]> response = client.get(node(5), BUCKET, cid, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(stored.get(cid));
        Await.until(
                Duration.ofSeconds(20),
                "the read repair of " + file,
                () ->
                        client.metric(node(5), "cere_storage_repairs_total{source=\"read\"}")
                                > repairsBefore);
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(shard.get("sha256").asText());
        int holder = indexOf(shard.get("node").asText());
        assertThat(client.metric(node(holder), "cere_storage_bitrot_found_total{source=\"read\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void scrubberReportsAndRepairsBitrot() throws Exception {
        String cid = firstMultiSegmentObject();
        JsonNode shard = proof(cid).get("segments").get(2).get("shards").get(5);
        Path file = shardFile(shard);
        flipByte(file);
        URI holder = node(indexOf(shard.get("node").asText()));

        JsonNode report = client.scrub(holder, cluster.clusterSecret());

        assertThat(report.get("corrupt").asLong()).isEqualTo(1);
        assertThat(report.get("repaired").asLong()).isEqualTo(1);
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(shard.get("sha256").asText());
        assertThat(client.metric(holder, "cere_storage_bitrot_found_total{source=\"scrub\"}"))
                .isEqualTo(1);
        assertThat(client.metric(holder, "cere_storage_repairs_total{source=\"scrub\"}"))
                .isEqualTo(1);
        assertThat(client.scrub(holder, cluster.clusterSecret()).get("corrupt").asLong()).isZero();
    }

    @Test
    void aNodeKilledMidUploadLeavesNoObjectVisible() throws Exception {
        byte[] data = random(42, 5 * SEGMENT + 99);
        CountDownLatch release = new CountDownLatch(1);
        InputStream body = new GatedStream(data, 2 * SEGMENT, release);
        double shardsBefore = totalShards();
        CompletableFuture<HttpResponse<String>> upload =
                CompletableFuture.supplyAsync(() -> client.put(node(0), BUCKET, body));
        Await.until(
                Duration.ofSeconds(30),
                "the first segment's shards on the nodes",
                () -> totalShards() >= shardsBefore + 6);

        cluster.kill(2);
        release.countDown();
        HttpResponse<String> response = upload.get();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(NodeClient.json(response.body()).get("error").asText())
                .isEqualTo("StorageUnavailable");
        String cid = objectCid(data);
        assertThat(client.get(node(1), BUCKET, cid, null).statusCode()).isEqualTo(404);
        cluster.restartStopped();
        for (int node = 0; node < NODES; node++) {
            assertThat(client.get(node(node), BUCKET, cid, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theNodeTakingAnS3UploadKilledMidwayLeavesNoObjectListed() throws Exception {
        killMidS3Upload(0, "killed-coordinator");
    }

    @Test
    void aPeerKilledMidS3UploadLeavesNoObjectListed() throws Exception {
        killMidS3Upload(2, "killed-peer");
    }

    /**
     * Sends a 5-segment S3 PUT to node 0, kills {@code killed} once the first segment's shards are
     * on disk, and checks that no node, then or after the restart, lists or serves the key.
     */
    private void killMidS3Upload(int killed, String key) throws Exception {
        String bucket = "mid-upload";
        try (S3Client s3 = S3Clients.aws(node(1), S3_KEY, REGION)) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
        }
        URI presigned;
        try (S3Presigner presigner = S3Clients.presigner(node(0), S3_KEY, REGION)) {
            presigned =
                    presigner
                            .presignPutObject(
                                    p ->
                                            p.signatureDuration(Duration.ofMinutes(5))
                                                    .putObjectRequest(
                                                            o -> o.bucket(bucket).key(key)))
                            .url()
                            .toURI();
        }
        // Bytes of its own: shards another upload left behind would not count as new ones.
        byte[] data = random(key.hashCode(), 5 * SEGMENT + 7);
        CountDownLatch release = new CountDownLatch(1);
        double shardsBefore = totalShards();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> upload =
                http.sendAsync(
                        HttpRequest.newBuilder(presigned)
                                .PUT(
                                        HttpRequest.BodyPublishers.fromPublisher(
                                                HttpRequest.BodyPublishers.ofInputStream(
                                                        () ->
                                                                new GatedStream(
                                                                        data,
                                                                        2 * SEGMENT,
                                                                        release)),
                                                data.length))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Await.until(
                Duration.ofSeconds(30),
                "the first segment's shards on the nodes",
                () -> upload.isDone() || totalShards() >= shardsBefore + 6);
        if (upload.isDone()) {
            HttpResponse<String> early = upload.join();
            fail(
                    "the upload ended before a node was killed: %d %s",
                    early.statusCode(), early.body());
        }

        cluster.kill(killed);
        release.countDown();
        try {
            HttpResponse<String> response = upload.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("PUT answer: %s", response.body()).isEqualTo(503);
            assertThat(response.body()).contains("<Code>ServiceUnavailable</Code>");
        } catch (ExecutionException e) {
            // The node taking the upload died: the connection is cut before any answer.
            assertThat(killed).isZero();
            assertThat(e.getCause()).isInstanceOf(IOException.class);
        }

        assertNotListed(bucket, key, killed == 0 ? 1 : 0);
        cluster.restartStopped();
        for (int node = 0; node < NODES; node++) {
            assertNotListed(bucket, key, node);
        }
    }

    private void assertNotListed(String bucket, String key, int node) {
        try (S3Client s3 = S3Clients.aws(node(node), S3_KEY, REGION)) {
            assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents())
                    .as("keys listed by node %d", node)
                    .noneMatch(o -> o.key().equals(key));
            assertThatThrownBy(() -> s3.headObject(h -> h.bucket(bucket).key(key)))
                    .as("HEAD on node %d", node)
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    private double totalShards() {
        double total = 0;
        for (int node = 0; node < NODES; node++) {
            if (cluster.isRunning(node)) {
                total += client.metric(node(node), "cere_storage_shards");
            }
        }
        return total;
    }

    /** The CID the cluster would give {@code data} in 64 KiB segments. */
    private static String objectCid(byte[] data) {
        List<StoredSegment> segments = new ArrayList<>();
        for (int offset = 0; offset < data.length; offset += SEGMENT) {
            byte[] bytes =
                    Arrays.copyOfRange(data, offset, Math.min(data.length, offset + SEGMENT));
            segments.add(
                    new StoredSegment(
                            Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes),
                            bytes.length,
                            0,
                            List.of(),
                            List.of()));
        }
        return ObjectRoot.objectCid(HashAlgorithm.SHA2_256, segments).toString();
    }

    private Path shardFile(JsonNode shard) {
        String hex = shard.get("sha256").asText();
        return cluster.dataDir(indexOf(shard.get("node").asText()))
                .resolve("shards")
                .resolve(hex.substring(0, 2))
                .resolve(shard.get("cid").asText());
    }

    private static int indexOf(String id) {
        return Integer.parseInt(id.substring(1)) - 1;
    }

    private static int survivor(int[] killed) {
        for (int node = 0; ; node++) {
            int candidate = node;
            if (Arrays.stream(killed).noneMatch(k -> k == candidate)) {
                return node;
            }
        }
    }

    private static void flipByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    /** Gives the first {@code gate} bytes, then waits for {@code release} before the rest. */
    private static final class GatedStream extends InputStream {
        private final byte[] data;
        private final int gate;
        private final CountDownLatch release;
        private int position;

        GatedStream(byte[] data, int gate, CountDownLatch release) {
            this.data = data;
            this.gate = gate;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= data.length) {
                return -1;
            }
            if (position == gate) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int end = position < gate ? gate : data.length;
            int count = Math.min(length, end - position);
            System.arraycopy(data, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
