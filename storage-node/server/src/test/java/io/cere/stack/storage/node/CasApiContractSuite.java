package io.cere.stack.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.testutils.NodeClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The native API ({@code /cas}, {@code /health}, {@code /metrics}) as every node serves it, written
 * once: a subclass starts one node or a cluster with 64 KiB segments, and every test holds for
 * both. Objects of several sizes around the segment size are stored, through every node in turn,
 * before the tests run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CasApiContractSuite {

    protected static final int SEGMENT = 64 << 10;
    protected static final String BUCKET = "it";

    protected final NodeClient client = new NodeClient();

    /** CID to bytes of the objects stored before the tests. */
    protected final Map<String, byte[]> stored = new LinkedHashMap<>();

    /** Starts the node or nodes under test, with {@link #SEGMENT}-byte segments. */
    protected abstract void start() throws Exception;

    /** Every node's URL; any of them serves any object. */
    protected abstract List<URI> nodes();

    /** The id of node {@code index}, as its {@code /health} names it. */
    protected abstract String nodeId(int index);

    @BeforeAll
    final void startAndStore() throws Exception {
        start();
        int[] sizes = {
            0, 1, 1000, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17
        };
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = random(i, sizes[i]);
            stored.put(client.store(node(i), BUCKET, data), data);
        }
    }

    @Test
    void readsEveryObjectBackThroughEveryNodeWithRanges() {
        for (Map.Entry<String, byte[]> object : stored.entrySet()) {
            byte[] data = object.getValue();
            for (URI node : nodes()) {
                HttpResponse<byte[]> response = client.get(node, BUCKET, object.getKey(), null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(data);
                assertThat(response.headers().firstValue("X-Cere-Cid")).contains(object.getKey());
            }
            HttpResponse<String> head = client.head(node(1), BUCKET, object.getKey());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
            assertThat(head.headers().firstValue("X-Cere-Cid")).contains(object.getKey());
            if (data.length > 2) {
                long[][] ranges = {
                    {0, 0},
                    {data.length / 2 - 1, data.length / 2 + 1},
                    {data.length - 1, data.length - 1}
                };
                for (long[] range : ranges) {
                    HttpResponse<byte[]> partial =
                            client.get(
                                    node(2),
                                    BUCKET,
                                    object.getKey(),
                                    "bytes=" + range[0] + "-" + range[1]);
                    assertThat(partial.statusCode()).isEqualTo(206);
                    assertThat(partial.headers().firstValue("Content-Range"))
                            .contains("bytes " + range[0] + "-" + range[1] + "/" + data.length);
                    assertThat(partial.body())
                            .isEqualTo(
                                    Arrays.copyOfRange(data, (int) range[0], (int) range[1] + 1));
                }
            }
        }
        String cid = firstMultiSegmentObject();
        HttpResponse<byte[]> crossing =
                client.get(
                        node(3), BUCKET, cid, "bytes=" + (SEGMENT - 3) + "-" + (2 * SEGMENT + 2));
        assertThat(crossing.body())
                .isEqualTo(Arrays.copyOfRange(stored.get(cid), SEGMENT - 3, 2 * SEGMENT + 3));
        assertThat(client.get(node(0), BUCKET, cid, "bytes=" + (10 * SEGMENT) + "-").statusCode())
                .isEqualTo(416);
    }

    @Test
    void addressesSmallObjectsAsIpfsDoesAndAnswersClearErrors() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = client.put(node(4), BUCKET, hello);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(NodeClient.json(put.body()).get("cid").asText())
                .isEqualTo(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, hello).toString());

        HttpResponse<byte[]> missing =
                client.get(
                        node(0),
                        BUCKET,
                        Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, new byte[] {7}).toString(),
                        null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(
                        NodeClient.json(new String(missing.body(), StandardCharsets.UTF_8))
                                .get("error")
                                .asText())
                .isEqualTo("NotFound");
        HttpResponse<byte[]> invalid = client.get(node(0), BUCKET, "not-a-cid", null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new String(invalid.body(), StandardCharsets.UTF_8)).contains("InvalidCid");
    }

    @Test
    void proofLetsAClientCheckTheBlobItself() throws Exception {
        String cid = firstMultiSegmentObject();
        JsonNode proof = proof(cid);

        byte[] root = Base64.getDecoder().decode(proof.get("root").get("dagCbor").asText());
        assertThat(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, root).toString())
                .isEqualTo(cid);
        byte[] manifest = Base64.getDecoder().decode(proof.get("manifest").get("dagCbor").asText());
        assertThat(Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, manifest).toString())
                .isEqualTo(proof.get("manifest").get("cid").asText());
        assertThat(DagCbor.decodeMap(manifest)).containsEntry("object", Cid.parse(cid));
        byte[] data = stored.get(cid);
        assertThat(proof.get("segments")).hasSize((data.length + SEGMENT - 1) / SEGMENT);
        for (JsonNode segment : proof.get("segments")) {
            int offset = segment.get("offset").asInt();
            byte[] bytes = Arrays.copyOfRange(data, offset, offset + segment.get("length").asInt());
            assertThat(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, bytes).toString())
                    .isEqualTo(segment.get("cid").asText());
            assertThat(segment.get("shards")).isNotEmpty();
            for (JsonNode shard : segment.get("shards")) {
                byte[] content = client.getBytes(URI.create(shard.get("url").asText())).body();
                assertThat(sha256(content)).isEqualTo(shard.get("sha256").asText());
            }
        }
    }

    @Test
    void reportsHealthAndMetrics() {
        client.store(node(0), BUCKET, random(77, 100));
        HttpResponse<String> health = client.getText(node(2).resolve("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(NodeClient.json(health.body()).get("node").asText())
                .isEqualTo(nodeId(2 % nodes().size()));
        assertThat(NodeClient.json(health.body()).get("status").asText()).isEqualTo("ok");

        String metrics = client.getText(node(0).resolve("/metrics")).body();
        assertThat(metrics)
                .contains("cere_storage_requests_total{op=\"cas_put\",status=\"201\"}")
                .contains(
                        "cere_storage_request_duration_seconds_bucket{op=\"cas_put\",le=\"+Inf\"}")
                .contains("cere_storage_repairs_total{source=\"scrub\"}")
                .contains("cere_storage_bitrot_found_total{source=\"read\"}");
        assertThat(client.metric(node(0), "cere_storage_shard_bytes")).isPositive();
    }

    /** Node {@code index}, counting round the nodes there are. */
    protected URI node(int index) {
        List<URI> nodes = nodes();
        return nodes.get(index % nodes.size());
    }

    protected JsonNode proof(String cid) {
        HttpResponse<String> response =
                client.getText(node(1).resolve("/cas/" + BUCKET + "/" + cid + "/proof"));
        assertThat(response.statusCode()).isEqualTo(200);
        return NodeClient.json(response.body());
    }

    protected String firstMultiSegmentObject() {
        return stored.entrySet().stream()
                .filter(entry -> entry.getValue().length > 2 * SEGMENT)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    protected static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    protected static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
