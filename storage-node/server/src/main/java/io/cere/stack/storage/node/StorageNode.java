package io.cere.stack.storage.node;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.cere.stack.storage.node.blob.BucketHashAlgorithms;
import io.cere.stack.storage.node.blob.ErasureBlobStore;
import io.cere.stack.storage.node.blob.ErasureCodes;
import io.cere.stack.storage.node.config.ClusterConfig;
import io.cere.stack.storage.node.config.ClusterMember;
import io.cere.stack.storage.node.config.NodeSettings;
import io.cere.stack.storage.node.http.NodeRoutes;
import io.cere.stack.storage.node.http.RequestSlots;
import io.cere.stack.storage.node.index.HybridClock;
import io.cere.stack.storage.node.index.RecordStore;
import io.cere.stack.storage.node.index.ReplicatedMetadataIndex;
import io.cere.stack.storage.node.manifest.ManifestStore;
import io.cere.stack.storage.node.metrics.NodeMetrics;
import io.cere.stack.storage.node.peer.Cluster;
import io.cere.stack.storage.node.peer.ClusterNode;
import io.cere.stack.storage.node.peer.LocalNode;
import io.cere.stack.storage.node.peer.PeerCheck;
import io.cere.stack.storage.node.peer.PeerCredentials;
import io.cere.stack.storage.node.peer.PeerHttpClient;
import io.cere.stack.storage.node.peer.RemoteNode;
import io.cere.stack.storage.node.scrub.Scrubber;
import io.cere.stack.storage.node.shard.ShardStore;
import io.cere.stack.storage.s3.backend.BlobStore;
import io.cere.stack.storage.s3.backend.MetadataIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One storage node: its disk stores (shards, manifests, metadata records), its view of the cluster,
 * the erasure-coded blob store and replicated metadata index built on them, the scrubber, and the
 * HTTP server on its one port ({@link NodeRoutes}).
 *
 * <p>Start-up: lock the data directory (one node per directory), clean what a crash left, start
 * serving (health answers "starting", peers can already reach the internal API), then wait for the
 * peers ({@link PeerCheck}); only then is the node ready. Calls between nodes carry the cluster
 * secret, when the settings have one, and the internal API requires it.
 *
 * <p>Data directory layout: {@code node.lock}, {@code shards/}, {@code quarantine/}, {@code
 * manifests/}, {@code records/}.
 */
public final class StorageNode implements AutoCloseable {

    /** The JDK server's switch for TCP_NODELAY on the connections it accepts. */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);

    /**
     * Client requests, and requests from other nodes, served at once, each: handlers wait on peers,
     * so there are many more than cores.
     */
    private static final int REQUEST_SLOTS = 64;

    private static final int DISK_THREADS = 8;

    /** How long closing waits for requests in flight. */
    private static final Duration REQUEST_DRAIN = Duration.ofSeconds(5);

    /** Logged once the node serves clients; supervisors wait for it. */
    public static final String READY_LINE = "Storage node ready";

    private final NodeSettings settings;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final NodeMetrics metrics;
    private final RecordStore records;
    private final ExecutorService diskThreads;
    private final ExecutorService backgroundThreads;
    private final ExecutorService peerThreads;
    private final RequestSlots clientSlots;
    private final RequestSlots internalSlots;
    private final ExecutorService serverThreads;
    private final HttpClient http;
    private final List<PeerHttpClient> peerConnections = new ArrayList<>();
    private final PeerCredentials credentials;
    private final Cluster cluster;
    private final ReplicatedMetadataIndex index;
    private final ErasureBlobStore blobs;
    private final Scrubber scrubber;
    private final HttpServer server;
    private volatile boolean ready;

    private StorageNode(NodeSettings settings, S3Mount s3) throws IOException {
        this.settings = settings;
        ClusterConfig config = settings.cluster();
        Files.createDirectories(settings.dataDir());
        lockChannel =
                FileChannel.open(
                        settings.dataDir().resolve("node.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        lock = acquired;
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException(
                    "data directory "
                            + settings.dataDir().toAbsolutePath()
                            + " is in use by another storage node");
        }
        metrics = new NodeMetrics();
        ShardStore shards = ShardStore.open(settings.dataDir(), metrics);
        ManifestStore manifests = ManifestStore.open(settings.dataDir());
        records = RecordStore.open(settings.dataDir().resolve("records"));
        metrics.gauge(
                "cere_storage_shard_bytes", "Bytes of shards stored on this node.", shards::bytes);
        metrics.gauge("cere_storage_shards", "Shards stored on this node.", shards::count);

        diskThreads = Executors.newFixedThreadPool(DISK_THREADS, daemon("disk"));
        backgroundThreads = Executors.newCachedThreadPool(daemon("background"));
        peerThreads = Executors.newCachedThreadPool(daemon("peer-client"));
        clientSlots = new RequestSlots("client", REQUEST_SLOTS);
        internalSlots = new RequestSlots("internal", REQUEST_SLOTS);
        serverThreads = Executors.newCachedThreadPool(daemon("http"));
        http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.peerTimeout())
                        .executor(peerThreads)
                        .build();

        credentials =
                settings.clusterSecret().map(PeerCredentials::of).orElse(PeerCredentials.none());
        LocalNode self = new LocalNode(settings.self(), shards, manifests, records, diskThreads);
        List<ClusterNode> nodes = new ArrayList<>();
        for (ClusterMember member : config.members()) {
            if (member.equals(settings.self())) {
                nodes.add(self);
                continue;
            }
            PeerHttpClient connections = new PeerHttpClient(member.url(), config.peerTimeout());
            peerConnections.add(connections);
            nodes.add(
                    new RemoteNode(
                            member, settings.nodeId(), connections, peerThreads, credentials));
        }
        cluster = new Cluster(self, nodes);
        index = new ReplicatedMetadataIndex(cluster, config.m(), new HybridClock());
        ErasureCodes codes = new ErasureCodes();
        blobs =
                new ErasureBlobStore(
                        cluster,
                        config.k(),
                        config.m(),
                        config.segmentSize(),
                        codes,
                        new BucketHashAlgorithms(index),
                        metrics,
                        backgroundThreads);
        scrubber =
                new Scrubber(
                        cluster,
                        shards,
                        codes,
                        metrics,
                        config.scrubBytesPerSecond(),
                        config.scrubInterval());
        HttpHandler s3Handler = s3.handler(blobs, index);
        server = bind(settings);
        server.createContext(
                "/",
                new NodeRoutes(
                        settings.nodeId(),
                        config.fingerprint(),
                        cluster,
                        blobs,
                        index,
                        scrubber,
                        metrics,
                        settings.clusterSecret(),
                        s3.activity(),
                        s3Handler,
                        s3.baseDomains(),
                        () -> ready,
                        clientSlots,
                        internalSlots));
        // Each request is read and served on one of these threads; unbounded, so slow senders
        // cannot hold up the others. The routes' slots bound how many are served at once.
        server.setExecutor(serverThreads);
        server.start();
    }

    /**
     * Starts a node without the S3 API and waits for its peers.
     *
     * @throws io.cere.stack.storage.node.config.ClusterConfigException when the peers do not answer
     *     as the cluster file says in time
     */
    public static StorageNode start(NodeSettings settings)
            throws IOException, InterruptedException {
        return start(settings, S3Mount.NONE);
    }

    /** Starts a node with the S3 API {@code s3} mounts, and waits for its peers. */
    public static StorageNode start(NodeSettings settings, S3Mount s3)
            throws IOException, InterruptedException {
        Objects.requireNonNull(settings, "settings");
        LOG.info("Starting {}", settings);
        LOG.info("Cluster: {}", settings.cluster());
        LOG.info("S3: {}", s3 == S3Mount.NONE ? "off" : s3);
        if (settings.clusterSecret().isEmpty()) {
            LOG.warn(
                    "No --cluster-secret: /internal/ (shards, manifests, metadata records, scrub)"
                            + " is unauthenticated; allowed only because every member of the {} is"
                            + " on loopback",
                    settings.cluster().source());
        }
        StorageNode node = new StorageNode(settings, s3);
        try {
            new PeerCheck(settings.cluster(), node.http, node.credentials).await(settings.peers());
            node.scrubber.start();
            node.ready = true;
            LOG.info(
                    "{} {} on {} (erasure code {}+{}, data {})",
                    READY_LINE,
                    settings.nodeId(),
                    node.uri(),
                    settings.cluster().k(),
                    settings.cluster().m(),
                    settings.dataDir().toAbsolutePath());
            return node;
        } catch (InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** The port the node listens on (the chosen one when the settings said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://" + settings.host() + ":" + port());
    }

    public BlobStore blobStore() {
        return blobs;
    }

    public MetadataIndex metadataIndex() {
        return index;
    }

    public Scrubber scrubber() {
        return scrubber;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        ready = false;
        server.stop(0);
        scrubber.close();
        // Requests in flight finish (and record their activity) before the node goes; clients'
        // first, as they may still wait on this node's internal API.
        drain(clientSlots);
        drain(internalSlots);
        serverThreads.shutdownNow();
        backgroundThreads.shutdownNow();
        diskThreads.shutdownNow();
        peerThreads.shutdownNow();
        peerConnections.forEach(PeerHttpClient::close);
        try {
            records.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Closing the stores of {} failed", settings.nodeId(), e);
        }
        LOG.info("Storage node {} stopped", settings.nodeId());
    }

    /**
     * Lets the requests running finish for up to {@link #REQUEST_DRAIN}; the server threads are
     * interrupted after. Interrupting at once would cut short the activity records of requests
     * already answered.
     */
    private static void drain(RequestSlots slots) {
        try {
            if (!slots.close(REQUEST_DRAIN)) {
                LOG.warn("Requests still running after {}: {}", REQUEST_DRAIN, slots);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpServer bind(NodeSettings settings) {
        // The JDK's server leaves Nagle's algorithm on unless this is set before its first use.
        // With it on, a response written in two parts (headers, then body) waits for the caller's
        // delayed ACK: 10 ms more per request on average here, paid again by every node-to-node
        // call a request makes (a 64 KiB S3 GET measured 42 ms with it, 10 ms without).
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        try {
            return HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (BindException e) {
            throw new IllegalStateException(
                    "cannot listen on "
                            + settings.host()
                            + ":"
                            + settings.port()
                            + ": "
                            + e.getMessage()
                            + " (is another node or server using that port?)",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
