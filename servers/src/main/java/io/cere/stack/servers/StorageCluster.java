package io.cere.stack.servers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A storage-node cluster on one host, each node in its own supervised JVM ({@link
 * StorageNodeServer}): writes the cluster file, launches every node at once (a node is healthy only
 * once its peers answer), waits until all are healthy, and stops them in reverse order.
 *
 * <p>Layout of its directory:
 *
 * <pre>
 * cluster.json     the cluster file every node is started with; written on every start
 * cluster-secret   the secret the nodes require of each other on /internal/ (mode 600); created
 *                  on the first start and kept
 * node-1/ ...      each node's data directory (node ids node-1 .. node-N), kept across restarts
 * </pre>
 *
 * <p>Node {@code i} (from 1) listens on {@code basePort + i - 1}.
 *
 * <pre>{@code
 * try (StorageCluster cluster = StorageCluster.builder().dir(dir).basePort(9101).build().start()) {
 *     List<URI> nodes = cluster.urls(); // http://127.0.0.1:9101 .. :9106
 * }
 * }</pre>
 */
public final class StorageCluster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StorageCluster.class.getName());

    public static final String CLUSTER_FILE = "cluster.json";

    /** Next to the cluster file: what every node is given as {@code --cluster-secret}. */
    public static final String CLUSTER_SECRET_FILE = "cluster-secret";

    private final Path dir;
    private final int k;
    private final int m;
    private final String segmentSize;
    private final Duration startTimeout;
    private final List<StorageNodeServer> nodes;

    private StorageCluster(Builder builder) {
        this.dir = builder.dir;
        this.k = builder.k;
        this.m = builder.m;
        this.segmentSize = builder.segmentSize;
        this.startTimeout = builder.startTimeout;
        List<StorageNodeServer> servers = new ArrayList<>();
        for (int i = 1; i <= builder.nodes; i++) {
            String id = "node-" + i;
            StorageNodeServer.Builder node =
                    StorageNodeServer.builder()
                            .mainClass(builder.mainClass)
                            .nodeId(id)
                            .url(
                                    URI.create(
                                            "http://"
                                                    + builder.host
                                                    + ":"
                                                    + (builder.basePort + i - 1)))
                            .clusterFile(clusterFile())
                            .clusterSecret(clusterSecretFile())
                            .dataDir(dir.resolve(id))
                            .classPath(builder.classPath)
                            .heap(builder.heap)
                            .s3Credentials(builder.s3Credentials)
                            .kafka(builder.kafka)
                            .runDirectory(builder.runDirectory)
                            .runName("storage-" + id)
                            .startTimeout(builder.startTimeout)
                            .stopTimeout(builder.stopTimeout);
            if (builder.logDir != null) {
                node.logFile(builder.logDir.resolve("storage-" + id + ".log"));
            }
            if (builder.tmpDir != null) {
                node.tmpDir(builder.tmpDir.resolve("storage-" + id));
            }
            servers.add(node.build());
        }
        this.nodes = List.copyOf(servers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link #launch()}, then {@link #awaitReady()}. */
    public StorageCluster start() throws IOException, InterruptedException {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Writes the cluster file and launches every node without waiting for any. Fails before
     * launching anything if a port is taken (naming each); on any failure no node is left running.
     */
    public StorageCluster launch() throws IOException {
        List<String> busy = new ArrayList<>();
        for (StorageNodeServer node : nodes) {
            try {
                FreePorts.requireFree(
                        node.url().getHost(),
                        node.url().getPort(),
                        "storage node " + node.nodeId());
            } catch (ServerStartException e) {
                busy.add(e.getMessage());
            }
        }
        if (!busy.isEmpty()) {
            throw new ServerStartException(
                    "Cannot start the storage cluster: " + String.join("; ", busy));
        }
        Files.createDirectories(dir);
        ServerProcess.writeAtomically(clusterFile(), clusterJson());
        ClusterSecretFile.createIfAbsent(clusterSecretFile());
        try {
            for (StorageNodeServer node : nodes) {
                node.launch();
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                () -> "Launched " + nodes.size() + " storage nodes, cluster file " + clusterFile());
        return this;
    }

    /**
     * Waits until every node is healthy. On failure every node is stopped and the exception names
     * the node that failed, with the end of its log.
     */
    public void awaitReady() throws ServerStartException, InterruptedException {
        long begin = System.nanoTime();
        try {
            for (StorageNodeServer node : nodes) {
                node.awaitReady();
            }
        } catch (ServerStartException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
        LOG.log(
                System.Logger.Level.INFO,
                String.format(
                        "Storage cluster of %d nodes (%d+%d) ready in %.1f s: %s",
                        nodes.size(), k, m, (System.nanoTime() - begin) / 1e9, urls()));
    }

    /** Stops every node, the last one first; each gets the stop timeout after SIGTERM. */
    public void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not stop " + nodes.get(i), e);
            }
        }
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Node {@code index}, from 0. */
    public StorageNodeServer node(int index) {
        return nodes.get(index);
    }

    public List<StorageNodeServer> nodes() {
        return nodes;
    }

    /** Each node's URL, in node order. */
    public List<URI> urls() {
        return nodes.stream().map(StorageNodeServer::url).toList();
    }

    public Path clusterFile() {
        return dir.resolve(CLUSTER_FILE);
    }

    /** The cluster secret file, created by {@link #launch()} if it does not exist. */
    public Path clusterSecretFile() {
        return dir.resolve(CLUSTER_SECRET_FILE);
    }

    public Path dir() {
        return dir;
    }

    public int k() {
        return k;
    }

    public int m() {
        return m;
    }

    /**
     * The cluster file: the code, how long a node waits for its peers (as long as we wait for the
     * node), and the members.
     */
    String clusterJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"k\": ").append(k).append(",\n");
        json.append("  \"m\": ").append(m).append(",\n");
        if (segmentSize != null) {
            json.append("  \"segmentSize\": \"").append(segmentSize).append("\",\n");
        }
        json.append("  \"startupTimeout\": \"").append(startTimeout.toSeconds()).append("s\",\n");
        json.append("  \"nodes\": [\n");
        for (int i = 0; i < nodes.size(); i++) {
            StorageNodeServer node = nodes.get(i);
            json.append("    {\"id\": \"")
                    .append(node.nodeId())
                    .append("\", \"url\": \"")
                    .append(node.url())
                    .append("\"}")
                    .append(i < nodes.size() - 1 ? ",\n" : "\n");
        }
        json.append("  ]\n");
        json.append("}\n");
        return json.toString();
    }

    @Override
    public String toString() {
        return "storage cluster of " + nodes.size() + " nodes (" + k + "+" + m + ") in " + dir;
    }

    /** Options for {@link StorageCluster}; only the directory is required. */
    public static final class Builder {

        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+");
        private static final Pattern SIZE = Pattern.compile("[0-9]+(B|KiB|MiB|GiB)?");

        private String mainClass = StorageNodeServer.MAIN_CLASS;
        private Path dir;
        private int nodes = 6;
        private int k = 4;
        private int m = 2;
        private String host = "127.0.0.1";
        private int basePort = 9101;
        private String segmentSize;
        private List<Path> classPath;
        private String heap = "256m";
        private Path s3Credentials;
        private String kafka;
        private Path logDir;
        private Path tmpDir;
        private RunDirectory runDirectory;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /** Another main class taking the node's arguments: a stand-in node, in tests. */
        Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /** Holds the cluster file and each node's data directory. Required. */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** How many nodes. Default 6. */
        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        /** Data shards per segment. Default 4. */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** Parity shards per segment: how many nodes may be lost. Default 2. */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /** The address every node binds to. Default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The first node's port; node {@code i} (from 1) gets {@code basePort + i - 1}. */
        public Builder basePort(int basePort) {
            this.basePort = basePort;
            return this;
        }

        /**
         * The segment size, as the cluster file writes it ({@code "64KiB"}). Default: the node's.
         */
        public Builder segmentSize(String segmentSize) {
            this.segmentSize = segmentSize;
            return this;
        }

        /** The nodes' class path. Default: {@link StorageNodeClassPath#find()}. */
        public Builder classPath(List<Path> classPath) {
            this.classPath = classPath;
            return this;
        }

        /** Each node's maximum heap. Default {@code 256m}. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** The S3 access keys file every node's S3 API accepts. Default: no S3 API. */
        public Builder s3Credentials(Path s3Credentials) {
            this.s3Credentials = s3Credentials;
            return this;
        }

        /**
         * The Kafka bootstrap servers every node sends its activity records to. Default: none, each
         * node keeps them in {@code activity.log} in its data dir.
         */
        public Builder kafka(String bootstrapServers) {
            this.kafka = bootstrapServers;
            return this;
        }

        /** Puts each node's log here as {@code storage-<id>.log}. Default: in its data dir. */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Gives each node {@code storage-<id>/} here as its temp dir. Default: in its data dir. */
        public Builder tmpDir(Path tmpDir) {
            this.tmpDir = tmpDir;
            return this;
        }

        /** Records each node's pid as {@code storage-<id>}. Default: nowhere. */
        public Builder runDirectory(RunDirectory runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /**
         * How long the nodes may take to be healthy, and so how long each waits for its peers.
         * Default 60 s.
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** How long each node may take to stop after SIGTERM. Default 10 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first option out of its range
         */
        public StorageCluster build() {
            Objects.requireNonNull(dir, "StorageCluster.dir is required");
            if (nodes < 1) {
                throw new IllegalArgumentException(
                        "StorageCluster.nodes is " + nodes + "; expected at least 1");
            }
            if (k < 1 || m < 0) {
                throw new IllegalArgumentException(
                        "StorageCluster erasure code is k="
                                + k
                                + ", m="
                                + m
                                + "; expected k >= 1 and m >= 0");
            }
            if (k + m > nodes) {
                throw new IllegalArgumentException(
                        String.format(
                                "StorageCluster erasure code %d+%d puts %d shards on distinct"
                                        + " nodes; expected at most the %d nodes of the cluster",
                                k, m, k + m, nodes));
            }
            if (basePort < 1 || basePort + nodes - 1 > 65535) {
                throw new IllegalArgumentException(
                        String.format(
                                "StorageCluster.basePort is %d, so its %d nodes need ports %d..%d;"
                                        + " expected ports within 1..65535",
                                basePort, nodes, basePort, basePort + nodes - 1));
            }
            if (host == null || !HOST.matcher(host).matches()) {
                throw new IllegalArgumentException(
                        "StorageCluster.host is "
                                + host
                                + "; expected a host name or IPv4 address");
            }
            if (segmentSize != null && !SIZE.matcher(segmentSize).matches()) {
                throw new IllegalArgumentException(
                        "StorageCluster.segmentSize is "
                                + segmentSize
                                + "; expected a size such as 1MiB or 65536");
            }
            if (startTimeout == null || startTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "StorageCluster.startTimeout is "
                                + startTimeout
                                + "; expected at least 1 s");
            }
            return new StorageCluster(this);
        }
    }
}
