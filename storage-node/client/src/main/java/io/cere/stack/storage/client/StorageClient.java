package io.cere.stack.storage.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cere.stack.storage.cas.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The storage cluster's native API, over HTTP: puts blobs and reads them back by CID, checking
 * every byte against its CID on this side too. Any node serves any request; the client asks the
 * node that last answered and moves on to the next one of its list when a node cannot be reached or
 * lacks the peers to serve (503).
 *
 * <pre>{@code
 * StorageClient storage = StorageClient.builder().node(URI.create("http://127.0.0.1:9101"))
 *         .node(URI.create("http://127.0.0.1:9102")).build();
 * StoredBlob blob = storage.put("photos", Upload.of(Path.of("cat.jpg")).withProgress(bar));
 * try (InputStream in = storage.open("photos", blob.cid())) { ... }
 * }</pre>
 *
 * <p>Errors: {@link BlobNotFoundException} (404), {@link StorageNodeException} for any other answer
 * of 400 and above (naming the node's message), {@link NodesUnreachableException} when no node
 * answers, {@link BlobVerificationException} when bytes do not match their CID. Thread-safe; one
 * client serves a whole job.
 */
public final class StorageClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** The largest segment a node can be configured with, so the most a raw CID addresses. */
    static final int MAX_SEGMENT_BYTES = 64 << 20;

    private final ClusterNodes nodes;
    private final FailoverRequests requests;
    private final Duration requestTimeout;
    private final Duration uploadTimeout;

    private StorageClient(Builder builder) {
        this.nodes = new ClusterNodes(builder.nodes);
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(builder.connectTimeout)
                        .build();
        this.requests = new FailoverRequests(http, nodes);
        this.requestTimeout = builder.requestTimeout;
        this.uploadTimeout = builder.uploadTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The nodes this client asks, in the order given. */
    public List<URI> nodes() {
        return nodes.all();
    }

    /**
     * Stores the upload's bytes in {@code bucket}, streaming them; returns once the cluster has
     * made them durable. A file or byte array is sent again to the next node if one fails.
     */
    public StoredBlob put(String bucket, Upload upload) throws IOException {
        checkBucket(bucket);
        String path =
                "/cas/" + bucket + upload.hash().map(h -> "?hash=" + h.multihashName()).orElse("");
        NodeAnswer answer =
                requests.send(
                        "PUT /cas/" + bucket,
                        node ->
                                HttpRequest.newBuilder(node.resolve(path))
                                        .timeout(uploadTimeout)
                                        .header("Content-Type", "application/octet-stream")
                                        .PUT(upload.publisher())
                                        .build(),
                        upload::canSend);
        JsonNode stored = json(answer);
        try {
            return new StoredBlob(
                    bucket, Cid.parse(stored.path("cid").asText()), stored.path("size").asLong(-1));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    answer.node()
                            + " answered PUT /cas/"
                            + bucket
                            + " with "
                            + stored
                            + "; expected {\"cid\": ..., \"size\": ...}",
                    e);
        }
    }

    /** Stores {@code bytes} in {@code bucket}. */
    public StoredBlob put(String bucket, byte[] bytes) throws IOException {
        return put(bucket, Upload.of(bytes));
    }

    /** Stores the content of {@code file} in {@code bucket}. */
    public StoredBlob put(String bucket, Path file) throws IOException {
        return put(bucket, Upload.of(file));
    }

    /** The whole blob, checked. */
    public BlobInputStream open(String bucket, Cid cid) throws IOException {
        return open(bucket, cid, 0, Long.MAX_VALUE);
    }

    /**
     * Up to {@code length} bytes of the blob from {@code offset} (fewer at its end, none past it),
     * checked. Only the segments the range touches are fetched, each whole, since a segment is what
     * a CID covers.
     *
     * @throws BlobNotFoundException when no blob has this CID
     * @throws BlobVerificationException when the proof of a multi-segment blob does not match it
     */
    public BlobInputStream open(String bucket, Cid cid, long offset, long length)
            throws IOException {
        checkBucket(bucket);
        Objects.requireNonNull(cid, "cid");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "offset " + offset + " and length " + length + " must both be >= 0");
        }
        ReadPlan plan =
                switch (cid.codec()) {
                    case RAW -> ReadPlan.rawBlob(cid, offset, length);
                    case DAG_CBOR -> ReadPlan.segments(proof(bucket, cid), offset, length);
                    default ->
                            throw new IllegalArgumentException(
                                    "CID "
                                            + cid
                                            + " has codec "
                                            + cid.codec()
                                            + "; a blob's CID is raw (one segment) or dag-cbor (a root block or a block)");
                };
        String path = blobPath(bucket, cid);
        BlobInputStream.Source source =
                new BlobInputStream.Source() {
                    @Override
                    public NodeAnswer fetch(String range) throws IOException {
                        return requests.send(
                                "GET " + path + (range == null ? "" : " (" + range + ")"),
                                node -> {
                                    HttpRequest.Builder request =
                                            HttpRequest.newBuilder(node.resolve(path))
                                                    .timeout(requestTimeout)
                                                    .GET();
                                    if (range != null) {
                                        request.header("Range", range);
                                    }
                                    return request.build();
                                });
                    }

                    @Override
                    public void failed(URI node) {
                        nodes.passOver(node);
                    }
                };
        return BlobInputStream.open(cid, plan, source, MAX_SEGMENT_BYTES, nodes.size());
    }

    /** The whole blob in memory, checked. */
    public byte[] get(String bucket, Cid cid) throws IOException {
        try (InputStream in = open(bucket, cid)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes the whole blob to {@code target}, checked: the bytes go to a temporary file next to
     * it, which replaces {@code target} only once every byte has matched, so {@code target} never
     * holds anything else. Returns the size.
     */
    public long download(String bucket, Cid cid, Path target, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(progress, "progress");
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
        try {
            long written;
            try (BlobInputStream in = open(bucket, cid);
                    OutputStream out = Files.newOutputStream(partial)) {
                written = copy(in, out, in.length(), progress);
            }
            Files.move(
                    partial,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Copies everything of {@code in} to {@code out}, telling {@code progress}; the byte count. */
    public static long copy(InputStream in, OutputStream out, long total, ProgressListener progress)
            throws IOException {
        byte[] buffer = new byte[64 << 10];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            copied += n;
            progress.progress(copied, total);
        }
        return copied;
    }

    /**
     * The blob's size, from {@code HEAD}.
     *
     * @throws BlobNotFoundException when no blob has this CID
     */
    public long size(String bucket, Cid cid) throws IOException {
        checkBucket(bucket);
        String path = blobPath(bucket, cid);
        NodeAnswer answer =
                requests.send(
                        "HEAD " + path,
                        node ->
                                HttpRequest.newBuilder(node.resolve(path))
                                        .timeout(requestTimeout)
                                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                        .build());
        answer.body().close();
        long size = answer.contentLength();
        if (size < 0) {
            throw new IOException(answer.node() + " answered HEAD " + path + " without a size");
        }
        return size;
    }

    /**
     * The blob's proof: its segments, the code and where each shard is, checked against the CID
     * (see {@link BlobProof} for what that proves).
     */
    public BlobProof proof(String bucket, Cid cid) throws IOException {
        checkBucket(bucket);
        String path = blobPath(bucket, cid) + "/proof";
        NodeAnswer answer =
                requests.send(
                        "GET " + path,
                        node ->
                                HttpRequest.newBuilder(node.resolve(path))
                                        .timeout(requestTimeout)
                                        .GET()
                                        .build());
        return BlobProof.verify(cid, json(answer), answer.node().toString());
    }

    private static JsonNode json(NodeAnswer answer) throws IOException {
        try (InputStream in = answer.body()) {
            return JSON.readTree(in);
        }
    }

    private static String blobPath(String bucket, Cid cid) {
        return "/cas/" + bucket + "/" + Objects.requireNonNull(cid, "cid");
    }

    private static void checkBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException(
                    "bucket '"
                            + bucket
                            + "' is not a bucket name; expected 1-63 letters, digits, '.', '_' or"
                            + " '-', starting with a letter or digit");
        }
    }

    /** Options for {@link StorageClient}; at least one node is required. */
    public static final class Builder {

        private final List<URI> nodes = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration uploadTimeout = Duration.ofMinutes(30);

        private Builder() {}

        /** A node to ask: {@code http://127.0.0.1:9101}. The first one is asked first. */
        public Builder node(URI node) {
            nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        public Builder nodes(Collection<URI> nodes) {
            nodes.forEach(this::node);
            return this;
        }

        /**
         * How long to wait for a node to accept a connection before trying the next. Default 2 s.
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * How long a node may take to start answering a read (its headers; the body then streams
         * for as long as it takes). Default 30 s.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How long a put may take, sending included. Default 30 min. */
        public Builder uploadTimeout(Duration uploadTimeout) {
            this.uploadTimeout = uploadTimeout;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad option
         */
        public StorageClient build() {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException(
                        "StorageClient needs at least one node URL, such as http://127.0.0.1:9101");
            }
            for (URI node : nodes) {
                if (!("http".equals(node.getScheme()) || "https".equals(node.getScheme()))
                        || node.getHost() == null
                        || !(node.getRawPath() == null
                                || node.getRawPath().isEmpty()
                                || node.getRawPath().equals("/"))
                        || node.getRawQuery() != null) {
                    throw new IllegalArgumentException(
                            "node URL '" + node + "' must be http(s)://<host>[:<port>], no path");
                }
            }
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            requirePositive(uploadTimeout, "uploadTimeout");
            return new StorageClient(this);
        }

        private static void requirePositive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(
                        "StorageClient."
                                + name
                                + " is "
                                + value
                                + "; expected a positive duration");
            }
        }
    }
}
