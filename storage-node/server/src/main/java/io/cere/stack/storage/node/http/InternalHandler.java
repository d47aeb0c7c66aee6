package io.cere.stack.storage.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.cere.stack.storage.cas.Cid;
import io.cere.stack.storage.cas.InvalidCidException;
import io.cere.stack.storage.node.index.RecordCodec;
import io.cere.stack.storage.node.index.ReplicatedMetadataIndex;
import io.cere.stack.storage.node.index.VersionedRecord;
import io.cere.stack.storage.node.manifest.InvalidManifestException;
import io.cere.stack.storage.node.peer.InternalApi;
import io.cere.stack.storage.node.peer.LocalNode;
import io.cere.stack.storage.node.shard.ShardMismatchException;
import io.cere.stack.storage.node.shard.ShardOwner;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The internal API ({@link InternalApi}) over this node's own stores: what other nodes call to
 * store and read shards, manifests and metadata records.
 */
final class InternalHandler {

    /** Bodies larger than the largest shard or manifest a cluster writes are refused. */
    static final int MAX_BODY_BYTES = 80 << 20;

    private final LocalNode self;
    private final ReplicatedMetadataIndex index;
    private final String fingerprint;

    /**
     * @param fingerprint the cluster file's fingerprint, which peers compare with theirs at start
     */
    InternalHandler(LocalNode self, ReplicatedMetadataIndex index, String fingerprint) {
        this.self = self;
        this.index = index;
        this.fingerprint = fingerprint;
    }

    /** The operation name for metrics. */
    static String operation(String method, String path) {
        if (path.startsWith(InternalApi.SHARDS)) {
            return "GET".equals(method) ? "shard_get" : "shard_put";
        }
        if (path.startsWith(InternalApi.MANIFESTS)) {
            return "GET".equals(method) ? "manifest_get" : "manifest_put";
        }
        return switch (path) {
            case InternalApi.IDENTITY -> "peer_identity";
            case InternalApi.RECORDS_APPLY -> "record_apply";
            case InternalApi.RECORDS_GET -> "record_get";
            case InternalApi.RECORDS_LIST -> "record_list";
            case InternalApi.RECORDS_PUT_IF_ABSENT -> "record_put_if_absent";
            default -> "internal_unknown";
        };
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals(InternalApi.IDENTITY)) {
            if (!"GET".equals(method)) {
                throw new MethodNotAllowedException(method + " " + path + "; expected GET");
            }
            ObjectNode body = JsonResponses.object();
            body.put("node", self.member().id());
            body.put("cluster", fingerprint);
            JsonResponses.send(exchange, 200, body);
            return;
        }
        if (path.startsWith(InternalApi.SHARDS)) {
            Cid cid = cid(path.substring(InternalApi.SHARDS.length()));
            if ("PUT".equals(method)) {
                putShard(exchange, cid);
            } else if ("GET".equals(method)) {
                bytes(exchange, self.shards().read(cid));
            } else {
                throw new MethodNotAllowedException(method + " " + path + "; expected PUT or GET");
            }
            return;
        }
        if (path.startsWith(InternalApi.MANIFESTS)) {
            Cid object = cid(path.substring(InternalApi.MANIFESTS.length()));
            if ("PUT".equals(method)) {
                try {
                    self.manifests().put(object, body(exchange));
                } catch (InvalidManifestException e) {
                    JsonResponses.error(exchange, 422, "InvalidManifest", e.getMessage());
                    return;
                }
                exchange.sendResponseHeaders(201, -1);
            } else if ("GET".equals(method)) {
                bytes(exchange, self.manifests().get(object));
            } else {
                throw new MethodNotAllowedException(method + " " + path + "; expected PUT or GET");
            }
            return;
        }
        if (!"POST".equals(method)) {
            throw new MethodNotAllowedException(method + " " + path + "; expected POST");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body(exchange)));
        switch (path) {
            case InternalApi.RECORDS_APPLY -> {
                String namespace = RecordCodec.readString(in);
                VersionedRecord record = RecordCodec.readRecord(in);
                boolean kept = self.records().apply(namespace, record);
                exchange.sendResponseHeaders(kept ? 201 : 200, -1);
            }
            case InternalApi.RECORDS_GET -> {
                String namespace = RecordCodec.readString(in);
                String key = RecordCodec.readString(in);
                bytes(exchange, self.records().get(namespace, key).map(RecordCodec::encode));
            }
            case InternalApi.RECORDS_LIST -> {
                String namespace = RecordCodec.readString(in);
                String prefix = RecordCodec.readString(in);
                String startAfter = RecordCodec.readString(in);
                int limit = in.readInt();
                List<VersionedRecord> records =
                        self.records().list(namespace, prefix, startAfter, limit);
                bytes(exchange, Optional.of(RecordCodec.encodeList(records)));
            }
            case InternalApi.RECORDS_PUT_IF_ABSENT -> {
                String namespace = RecordCodec.readString(in);
                String key = RecordCodec.readString(in);
                byte[] value = RecordCodec.readBytes(in);
                boolean wrote = index.coordinatePutIfAbsent(namespace, key, value);
                bytes(
                        exchange,
                        Optional.of(Boolean.toString(wrote).getBytes(StandardCharsets.UTF_8)));
            }
            default ->
                    JsonResponses.error(
                            exchange, 404, "NoSuchResource", "no internal resource at " + path);
        }
    }

    private void putShard(HttpExchange exchange, Cid cid) throws IOException {
        String header = exchange.getRequestHeaders().getFirst(InternalApi.OWNER_HEADER);
        if (header == null) {
            JsonResponses.error(
                    exchange,
                    400,
                    "MissingOwner",
                    "a shard needs the " + InternalApi.OWNER_HEADER + " header");
            return;
        }
        ShardOwner owner;
        try {
            owner = ShardOwner.parseLine(header);
        } catch (IllegalArgumentException e) {
            JsonResponses.error(exchange, 400, "InvalidOwner", e.getMessage());
            return;
        }
        byte[] content = body(exchange);
        try {
            self.shards().put(cid, content, owner);
        } catch (ShardMismatchException e) {
            JsonResponses.error(exchange, 422, "ShardMismatch", e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            JsonResponses.error(exchange, 400, "InvalidOwner", e.getMessage());
            return;
        }
        exchange.sendResponseHeaders(201, -1);
    }

    private static Cid cid(String text) throws IOException {
        try {
            return Cid.parse(text);
        } catch (InvalidCidException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadRequestException(
                        "body is larger than " + MAX_BODY_BYTES + " bytes, the internal limit");
            }
            return bytes;
        }
    }

    private static void bytes(HttpExchange exchange, Optional<byte[]> content) throws IOException {
        if (content.isEmpty()) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] bytes = content.get();
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
