package io.cere.stack.storage.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.HashAlgorithm;
import io.cere.stack.storage.cas.InvalidCidException;
import io.cere.stack.storage.cas.Multicodec;
import io.cere.stack.storage.node.blob.ErasureBlobStore;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.manifest.Manifest;
import io.cere.stack.storage.node.manifest.ObjectRoot;
import io.cere.stack.storage.node.manifest.StoredSegment;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.InternalApi;
import io.cere.stack.storage.s3.backend.ActivityListener;
import io.cere.stack.storage.s3.backend.BlobStore.StoredBlob;
import io.cere.stack.storage.s3.backend.BucketHashConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The native content-addressed API:
 *
 * <ul>
 *   <li>{@code PUT /cas/{bucket}[?hash=sha2-256|blake3]}, body = the bytes: {@code 201 {"cid": ...,
 *       "size": ..., "hash": ...}} once every shard and the manifest are durable. {@code hash}
 *       chooses the bucket's algorithm on its first write; asking for another one later is a 409.
 *   <li>{@code GET /cas/{bucket}/{cid}}, with an optional single {@code Range} (206), and {@code
 *       HEAD}: the bytes, each checked against the CID. Headers {@code X-Cere-Cid} and {@code ETag}
 *       carry the CID.
 *   <li>{@code GET /cas/{bucket}/{cid}/proof}: what a client needs to check the blob itself (see
 *       {@link #proof}).
 * </ul>
 */
final class CasHandler {

    static final String CID_HEADER = "X-Cere-Cid";
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int COPY_BUFFER = 64 << 10;

    private final ErasureBlobStore blobs;
    private final Cluster cluster;
    private final NodeMetrics metrics;
    private final ActivityListener activity;

    CasHandler(
            ErasureBlobStore blobs,
            Cluster cluster,
            NodeMetrics metrics,
            ActivityListener activity) {
        this.blobs = blobs;
        this.cluster = cluster;
        this.metrics = metrics;
        this.activity = activity;
    }

    /** The operation name for metrics, from the method and the path after {@code /cas/}. */
    static String operation(String method, String rest) {
        String[] parts = rest.split("/", -1);
        if (parts.length == 1) {
            return "cas_put";
        }
        if (parts.length == 3 && parts[2].equals("proof")) {
            return "cas_proof";
        }
        return "HEAD".equals(method) ? "cas_head" : "cas_get";
    }

    /**
     * @param rest the raw path after {@code /cas/}
     */
    void handle(HttpExchange exchange, String rest) throws IOException {
        String[] parts = rest.split("/", -1);
        String method = exchange.getRequestMethod();
        String bucket = decode(parts[0]);
        if (!BUCKET.matcher(bucket).matches()) {
            JsonResponses.error(
                    exchange,
                    400,
                    "InvalidBucketName",
                    "bucket '"
                            + bucket
                            + "' is not a bucket name; expected 1-63 letters, digits, '.', '_' or"
                            + " '-'");
            return;
        }
        if (parts.length == 1) {
            requireMethod(exchange, "PUT");
            put(exchange, bucket);
            return;
        }
        Cid cid;
        try {
            cid = Cid.parse(decode(parts[1]));
        } catch (InvalidCidException e) {
            JsonResponses.error(exchange, 400, "InvalidCid", e.getMessage());
            return;
        }
        if (parts.length == 2) {
            if ("HEAD".equals(method)) {
                head(exchange, cid);
            } else {
                requireMethod(exchange, "GET");
                get(exchange, bucket, cid);
            }
            return;
        }
        if (parts.length == 3 && parts[2].equals("proof")) {
            requireMethod(exchange, "GET");
            proof(exchange, cid);
            return;
        }
        JsonResponses.error(
                exchange,
                404,
                "NoSuchResource",
                "no resource at /cas/"
                        + rest
                        + "; expected /cas/{bucket}, /cas/{bucket}/{cid} or"
                        + " /cas/{bucket}/{cid}/proof");
    }

    private void put(HttpExchange exchange, String bucket) throws IOException {
        HashAlgorithm algorithm = null;
        String hash = queryParameter(exchange, "hash");
        if (hash != null) {
            try {
                algorithm = HashAlgorithm.fromName(hash);
            } catch (IllegalArgumentException e) {
                JsonResponses.error(exchange, 400, "InvalidHashAlgorithm", e.getMessage());
                return;
            }
        }
        StoredBlob stored;
        try (InputStream body = exchange.getRequestBody()) {
            stored = blobs.put(bucket, algorithm, body);
        } catch (BucketHashConflictException e) {
            JsonResponses.error(exchange, 409, "BucketHashConflict", e.getMessage());
            return;
        }
        ObjectNode answer = JsonResponses.object();
        answer.put("cid", stored.cid());
        answer.put("size", stored.size());
        answer.put("bucket", bucket);
        answer.put("hash", Cid.parse(stored.cid()).hashAlgorithm().multihashName());
        exchange.getResponseHeaders().set(CID_HEADER, stored.cid());
        JsonResponses.send(exchange, 201, answer);
        activity.served(
                ActivityListener.Operation.PUT,
                bucket,
                stored.cid(),
                stored.size(),
                requestId(exchange));
    }

    private void head(HttpExchange exchange, Cid cid) throws IOException {
        Manifest manifest = blobs.manifest(cid.toString());
        blobHeaders(exchange, cid);
        exchange.getResponseHeaders().set("Content-Length", Long.toString(manifest.size()));
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, String bucket, Cid cid) throws IOException {
        Manifest manifest = blobs.manifest(cid.toString());
        long size = manifest.size();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), size);
        } catch (ByteRange.UnsatisfiableRangeException e) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
            JsonResponses.error(exchange, 416, "InvalidRange", e.getMessage());
            return;
        }
        long offset = range.map(ByteRange::offset).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        // Opening reads the first segment, so a read that cannot be served fails before the
        // status line is sent and gets a proper error answer.
        try (InputStream in = blobs.open(bucket, cid.toString(), offset, length)) {
            blobHeaders(exchange, cid);
            if (range.isPresent()) {
                exchange.getResponseHeaders().set("Content-Range", range.get().contentRange(size));
                exchange.sendResponseHeaders(206, length == 0 ? -1 : length);
            } else {
                exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            }
            OutputStream out = exchange.getResponseBody();
            byte[] buffer = new byte[COPY_BUFFER];
            long sent = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                sent += read;
            }
            out.close();
            metrics.blobBytesRead(sent);
            activity.served(
                    ActivityListener.Operation.GET,
                    bucket,
                    cid.toString(),
                    sent,
                    requestId(exchange));
        }
    }

    /**
     * The proof of a blob, as JSON:
     *
     * <pre>{@code
     * {"cid": "<object CID>", "size": 3145728, "hash": "sha2-256", "k": 4, "m": 2,
     *  "segmentSize": 1048576,
     *  "manifest": {"cid": "<dag-cbor sha2-256 CID of the manifest>", "dagCbor": "<base64>"},
     *  "root": {"dagCbor": "<base64>"},            // objects of 2+ segments: hashes to "cid"
     *  "segments": [{"index": 0, "offset": 0, "length": 1048576, "cid": "<raw CID>",
     *                "shardLength": 262144,
     *                "shards": [{"index": 0, "cid": "<raw sha2-256 CID>", "sha256": "<hex>",
     *                            "node": "node-3", "url": "http://.../internal/shards/<cid>"}]}]}
     * }</pre>
     *
     * <p>A client checks: the root block (or, for one segment, the segment CID) hashes to the
     * object CID; each segment's bytes hash to its CID; each shard fetched hashes to its {@code
     * sha256}; the manifest bytes decode to the same segments and shards and hash to {@code
     * manifest.cid}.
     */
    private void proof(HttpExchange exchange, Cid cid) throws IOException {
        Manifest manifest = blobs.manifest(cid.toString());
        byte[] encoded = manifest.encode();
        ObjectNode answer = JsonResponses.object();
        answer.put("cid", cid.toString());
        answer.put("size", manifest.size());
        answer.put("hash", manifest.hashAlgorithm().multihashName());
        answer.put("k", manifest.k());
        answer.put("m", manifest.m());
        answer.put("segmentSize", manifest.segmentSize());
        ObjectNode manifestNode = answer.putObject("manifest");
        manifestNode.put(
                "cid", Cid.of(Multicodec.DAG_CBOR, HashAlgorithm.SHA2_256, encoded).toString());
        manifestNode.put("dagCbor", Base64.getEncoder().encodeToString(encoded));
        if (manifest.segments().size() > 1) {
            answer.putObject("root")
                    .put(
                            "dagCbor",
                            Base64.getEncoder()
                                    .encodeToString(ObjectRoot.encode(manifest.segments())));
        }
        ArrayNode segments = answer.putArray("segments");
        for (int i = 0; i < manifest.segments().size(); i++) {
            StoredSegment segment = manifest.segments().get(i);
            ObjectNode segmentNode = segments.addObject();
            segmentNode.put("index", i);
            segmentNode.put("offset", manifest.segmentOffset(i));
            segmentNode.put("length", segment.length());
            segmentNode.put("cid", segment.cid().toString());
            segmentNode.put("shardLength", segment.shardLength());
            ArrayNode shards = segmentNode.putArray("shards");
            for (int shard = 0; shard < segment.shards().size(); shard++) {
                Cid shardCid = segment.shards().get(shard);
                String node = segment.nodes().get(shard);
                ObjectNode shardNode = shards.addObject();
                shardNode.put("index", shard);
                shardNode.put("cid", shardCid.toString());
                shardNode.put("sha256", HexFormat.of().formatHex(shardCid.multihash().digest()));
                shardNode.put("node", node);
                if (cluster.contains(node)) {
                    ClusterMember member = cluster.node(node).member();
                    shardNode.put("url", member.resolve(InternalApi.SHARDS + shardCid).toString());
                }
            }
        }
        JsonResponses.send(exchange, 200, answer);
    }

    private void blobHeaders(HttpExchange exchange, Cid cid) {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("ETag", "\"" + cid + "\"");
        exchange.getResponseHeaders().set(CID_HEADER, cid.toString());
        exchange.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
    }

    private static void requireMethod(HttpExchange exchange, String method)
            throws MethodNotAllowedException {
        if (!method.equals(exchange.getRequestMethod())) {
            throw new MethodNotAllowedException(
                    exchange.getRequestMethod() + " is not allowed here; expected " + method);
        }
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String requestId(HttpExchange exchange) {
        return exchange.getResponseHeaders().getFirst(NodeRoutes.REQUEST_ID_HEADER);
    }
}
