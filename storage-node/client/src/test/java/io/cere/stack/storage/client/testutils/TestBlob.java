package io.cere.stack.storage.client.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.DagCbor;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blob as a storage node would store it with a {@code k}+{@code m} code: its segments and their
 * CIDs, its CID (raw for one segment, the DAG-CBOR root block's for more, or for a {@link #block}
 * the dag-cbor CID of its bytes), its manifest and the answer of its proof endpoint. Shards are not
 * computed: their CIDs only have to be consistent. The formats are the node's; the client's
 * integration test checks them against a real node.
 */
public final class TestBlob {

    public static final int K = 4;
    public static final int M = 2;

    private final byte[] content;
    private final int segmentSize;
    private final List<Cid> segments = new ArrayList<>();
    private final Cid cid;
    private final byte[] root;
    private final byte[] manifest;

    private TestBlob(byte[] content, int segmentSize, boolean block) {
        this.content = content.clone();
        this.segmentSize = block ? Math.max(segmentSize, content.length) : segmentSize;
        if (block) {
            segments.add(Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content));
            root = null;
            cid = Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, content);
            manifest = DagCbor.encode(manifestDocument());
            return;
        }
        for (int offset = 0; offset < content.length; offset += segmentSize) {
            segments.add(
                    Cid.of(
                            Multicodec.RAW,
                            HashAlgorithm.SHA2_256,
                            Arrays.copyOfRange(
                                    content,
                                    offset,
                                    Math.min(content.length, offset + segmentSize))));
        }
        if (segments.size() <= 1) {
            root = null;
            cid = Cid.of(Multicodec.RAW, HashAlgorithm.SHA2_256, content);
        } else {
            root = DagCbor.encode(rootDocument(segments));
            cid = Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, root);
        }
        manifest = DagCbor.encode(manifestDocument());
    }

    public static TestBlob of(byte[] content, int segmentSize) {
        return new TestBlob(content, segmentSize, false);
    }

    /**
     * A block: {@code dagCbor} stored as one segment (whatever the segment size) and addressed by
     * its dag-cbor CID, as a node stores a multipart object's part list.
     */
    public static TestBlob block(byte[] dagCbor, int segmentSize) {
        return new TestBlob(dagCbor, segmentSize, true);
    }

    public byte[] content() {
        return content.clone();
    }

    public Cid cid() {
        return cid;
    }

    public int segmentSize() {
        return segmentSize;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** The root block of a blob of two segments or more, listing {@code segments} in order. */
    public static Map<String, Object> rootDocument(List<Cid> segments, List<Long> sizes) {
        List<Object> list = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < segments.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cid", segments.get(i));
            entry.put("size", sizes.get(i));
            list.add(entry);
            size += sizes.get(i);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("size", size);
        document.put("segments", list);
        return document;
    }

    private Map<String, Object> rootDocument(List<Cid> cids) {
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < cids.size(); i++) {
            sizes.add((long) segmentLength(i));
        }
        return rootDocument(cids, sizes);
    }

    /** The proof endpoint's answer, as {@code CasHandler} writes it. */
    public ObjectNode proof() {
        ObjectNode answer = new ObjectMapper().createObjectNode();
        answer.put("cid", cid.toString());
        answer.put("size", (long) content.length);
        answer.put("hash", "sha2-256");
        answer.put("k", K);
        answer.put("m", M);
        answer.put("segmentSize", segmentSize);
        ObjectNode manifestNode = answer.putObject("manifest");
        manifestNode.put(
                "cid", Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, manifest).toString());
        manifestNode.put("dagCbor", Base64.getEncoder().encodeToString(manifest));
        if (root != null) {
            answer.putObject("root").put("dagCbor", Base64.getEncoder().encodeToString(root));
        }
        ArrayNode list = answer.putArray("segments");
        for (int i = 0; i < segments.size(); i++) {
            ObjectNode segment = list.addObject();
            segment.put("index", i);
            segment.put("offset", (long) i * segmentSize);
            segment.put("length", segmentLength(i));
            segment.put("cid", segments.get(i).toString());
            segment.put("shardLength", shardLength(i));
            ArrayNode shards = segment.putArray("shards");
            for (int s = 0; s < K + M; s++) {
                Cid shard = shardCid(i, s);
                shards.addObject()
                        .put("index", s)
                        .put("cid", shard.toString())
                        .put("sha256", HexFormat.of().formatHex(shard.multihash().digest()))
                        .put("node", node(s))
                        .put("url", "http://127.0.0.1:9100/internal/shards/" + shard);
            }
        }
        return answer;
    }

    private Map<String, Object> manifestDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("object", cid);
        document.put("size", (long) content.length);
        document.put("hash", "sha2-256");
        document.put("k", (long) K);
        document.put("m", (long) M);
        document.put("segmentSize", (long) segmentSize);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cid", segments.get(i));
            entry.put("length", (long) segmentLength(i));
            entry.put("shardLength", (long) shardLength(i));
            List<Object> shards = new ArrayList<>();
            List<Object> nodes = new ArrayList<>();
            for (int s = 0; s < K + M; s++) {
                shards.add(shardCid(i, s));
                nodes.add(node(s));
            }
            entry.put("shards", shards);
            entry.put("nodes", nodes);
            list.add(entry);
        }
        document.put("segments", list);
        return document;
    }

    private int segmentLength(int index) {
        return Math.min(segmentSize, content.length - index * segmentSize);
    }

    private int shardLength(int index) {
        return (segmentLength(index) + K - 1) / K;
    }

    private static Cid shardCid(int segment, int shard) {
        return Cid.of(
                Multicodec.RAW,
                HashAlgorithm.SHA2_256,
                ("shard " + shard + " of segment " + segment).getBytes(StandardCharsets.UTF_8));
    }

    private static String node(int shard) {
        return "node-" + (shard + 1);
    }
}
