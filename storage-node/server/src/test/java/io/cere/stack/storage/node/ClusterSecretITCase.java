package io.cere.stack.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.config.ClusterConfig;
import io.cere.stack.storage.node.config.ClusterConfigException;
import io.cere.stack.storage.node.config.ClusterSecret;
import io.cere.stack.storage.node.config.NodeSettings;
import io.cere.stack.storage.node.http.NodeRoutes;
import io.cere.stack.storage.node.index.RecordCodec;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.peer.InternalApi;
import io.cere.stack.storage.node.shard.ShardOwner;
import io.cere.stack.storage.node.testutils.NodeClient;
import io.cere.stack.storage.node.testutils.NodeProcesses;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes sharing a cluster secret: their {@code /internal/} API refuses requests without it
 * (401) or with another one (403) and stores nothing for them, while {@code /cas} and {@code
 * /health} stay open; a node started with another secret, or none, is refused by its peers at
 * start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSecretITCase {

    private static final String SECRET =
            "6d1f0a53c2b84e97a1d03f5e8c7b2a4169e0d3c5b7a8f1e2d4c6b8a0f3e5d7c9";
    private static final String OTHER_SECRET =
            "1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a";
    private static final String NAMESPACE = "objects/secret-it";

    @TempDir static Path dir;
    private final int[] ports = NodeProcesses.ports(3);
    private final NodeClient client = new NodeClient();
    private StorageNode a;
    private StorageNode b;

    @BeforeAll
    void startTwoOfThreeNodes() throws Exception {
        CompletableFuture<StorageNode> first =
                CompletableFuture.supplyAsync(() -> start("a", secret(SECRET)));
        b = start("b", secret(SECRET));
        a = first.join();
    }

    @AfterAll
    void stopNodes() {
        for (StorageNode node : new StorageNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void refusesAShardWithoutTheSecretAndStoresNothing() {
        byte[] content = "shard sent without the secret".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content);
        double refusedBefore = refusals("shard_put", 401);

        HttpResponse<String> put = client.send(putShard(cid, content).build(), text());

        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(put.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"cere-storage-cluster\"");
        assertThat(NodeClient.json(put.body()).get("error").asText())
                .isEqualTo("MissingClusterSecret");
        assertThat(put.body()).contains("Authorization: Bearer <secret>").doesNotContain(SECRET);
        assertThat(readShard(cid).statusCode()).isEqualTo(404);
        assertThat(refusals("shard_put", 401)).isEqualTo(refusedBefore + 1);
    }

    @Test
    void refusesAShardWithAnotherSecretAndStoresNothing() {
        byte[] content = "shard sent with another secret".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content);
        double refusedBefore = refusals("shard_put", 403);

        HttpResponse<String> put =
                client.send(signed(putShard(cid, content), OTHER_SECRET).build(), text());

        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(NodeClient.json(put.body()).get("error").asText())
                .isEqualTo("WrongClusterSecret");
        assertThat(put.body()).doesNotContain(SECRET).doesNotContain(OTHER_SECRET);
        assertThat(readShard(cid).statusCode()).isEqualTo(404);
        assertThat(refusals("shard_put", 403)).isEqualTo(refusedBefore + 1);
    }

    @Test
    void storesAShardSentWithTheSecret() {
        byte[] content = "shard sent with the secret".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content);

        HttpResponse<String> put =
                client.send(signed(putShard(cid, content), SECRET).build(), text());

        assertThat(put.statusCode()).isEqualTo(201);
        HttpResponse<byte[]> read = readShard(cid);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(content);
    }

    @Test
    void letsAnyoneReadAShardAsBlobProofsTellClientsTo() {
        byte[] content = "shard a client checks".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content);
        assertThat(client.send(signed(putShard(cid, content), SECRET).build(), text()).statusCode())
                .isEqualTo(201);

        HttpResponse<byte[]> read =
                client.getBytes(a.uri().resolve(InternalApi.SHARDS + cid.toString()));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(content);
    }

    @Test
    void appliesAMetadataRecordOnlyWithTheSecret() {
        String key = "bucket/key-to-hijack";
        byte[] apply =
                RecordCodec.write(
                        out -> {
                            RecordCodec.writeString(out, NAMESPACE);
                            RecordCodec.writeRecord(
                                    out,
                                    VersionedRecord.live(
                                            key,
                                            Long.MAX_VALUE - 1,
                                            "intruder",
                                            "cid-of-my-choice".getBytes(StandardCharsets.UTF_8)));
                        });

        HttpResponse<String> without =
                client.send(post(InternalApi.RECORDS_APPLY, apply).build(), text());
        HttpResponse<String> wrong =
                client.send(
                        signed(post(InternalApi.RECORDS_APPLY, apply), OTHER_SECRET).build(),
                        text());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(readRecord(key).statusCode()).isEqualTo(404);
        assertThat(refusals("record_apply", 401)).isGreaterThanOrEqualTo(1);

        HttpResponse<String> right =
                client.send(signed(post(InternalApi.RECORDS_APPLY, apply), SECRET).build(), text());

        assertThat(right.statusCode()).isEqualTo(201);
        assertThat(readRecord(key).statusCode()).isEqualTo(200);
        assertThat(
                        client.send(post(InternalApi.RECORDS_GET, getRecord(key)).build(), text())
                                .statusCode())
                .as("metadata records are not for anyone to read")
                .isEqualTo(401);
    }

    @Test
    void runsAScrubOnlyWithTheSecret() {
        HttpRequest.Builder scrub =
                HttpRequest.newBuilder(a.uri().resolve(NodeRoutes.SCRUB_PATH))
                        .POST(HttpRequest.BodyPublishers.noBody());
        double passesBefore = client.metric(a.uri(), "cere_storage_scrub_passes_total");

        assertThat(client.send(scrub.copy().build(), text()).statusCode()).isEqualTo(401);
        assertThat(client.send(signed(scrub.copy(), OTHER_SECRET).build(), text()).statusCode())
                .isEqualTo(403);
        assertThat(client.metric(a.uri(), "cere_storage_scrub_passes_total"))
                .isEqualTo(passesBefore);
        assertThat(refusals("scrub", 401)).isGreaterThanOrEqualTo(1);

        assertThat(client.scrub(a.uri(), SECRET).has("checked")).isTrue();
        assertThat(client.metric(a.uri(), "cere_storage_scrub_passes_total"))
                .isEqualTo(passesBefore + 1);
    }

    @Test
    void leavesTheNativeApiAndHealthOpen() {
        byte[] data = "a blob any client may store".getBytes(StandardCharsets.UTF_8);

        String cid = client.store(a.uri(), "open", data);

        HttpResponse<byte[]> read = client.get(b.uri(), "open", cid, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(data);
        assertThat(client.getText(a.uri().resolve("/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesToStartANodeWithAnotherSecret() {
        assertThatThrownBy(() -> start("c", secret(OTHER_SECRET)))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith(
                        "a at "
                                + url(0)
                                + ": refused this node's cluster secret; every node needs the"
                                + " same --cluster-secret file (answered 403");
    }

    @Test
    void refusesToStartANodeWithoutTheSecret() {
        assertThatThrownBy(() -> start("c", null))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith(
                        "a at "
                                + url(0)
                                + ": refused this node's cluster secret; every node needs the"
                                + " same --cluster-secret file (answered 401");
    }

    /** Node {@code id} of a three-node cluster that may start with one peer missing. */
    private StorageNode start(String id, ClusterSecret secret) {
        ClusterConfig config =
                ClusterConfig.builder()
                        .source("cluster file secret.json")
                        .k(1)
                        .m(1)
                        .member("a", url(0))
                        .member("b", url(1))
                        .member("c", url(2))
                        .startupTimeout(Duration.ofSeconds(2))
                        .unreachablePeersAllowedAtStart(1)
                        .build();
        try {
            return StorageNode.start(NodeSettings.of(config, id, dir.resolve(id), null, secret));
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("starting node " + id, e);
        }
    }

    private HttpRequest.Builder putShard(Cid cid, byte[] content) {
        ShardOwner owner = new ShardOwner(cid, content.length, 1, 0, List.of(cid, cid));
        return HttpRequest.newBuilder(a.uri().resolve(InternalApi.SHARDS + cid))
                .header(InternalApi.OWNER_HEADER, owner.line())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    }

    private HttpResponse<byte[]> readShard(Cid cid) {
        return client.send(
                signed(HttpRequest.newBuilder(a.uri().resolve(InternalApi.SHARDS + cid)), SECRET)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> readRecord(String key) {
        return client.send(
                signed(post(InternalApi.RECORDS_GET, getRecord(key)), SECRET).build(), text());
    }

    private static byte[] getRecord(String key) {
        return RecordCodec.write(
                out -> {
                    RecordCodec.writeString(out, NAMESPACE);
                    RecordCodec.writeString(out, key);
                });
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(a.uri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpRequest.Builder signed(HttpRequest.Builder request, String secret) {
        return request.header("Authorization", "Bearer " + secret);
    }

    private double refusals(String operation, int status) {
        return client.metric(
                a.uri(),
                "cere_storage_requests_total{op=\"" + operation + "\",status=\"" + status + "\"}");
    }

    private static HttpResponse.BodyHandler<String> text() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static ClusterSecret secret(String value) {
        return ClusterSecret.parse(value, "test secret");
    }

    private URI url(int node) {
        return URI.create("http://127.0.0.1:" + ports[node]);
    }
}
