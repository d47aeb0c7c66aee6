package io.cere.stack.servers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One storage node ({@code io.cere.stack.storage.node.NodeMain}) in its own supervised JVM, for the
 * local stack and integration tests. A node is one member of a cluster file; it is healthy once it
 * has found its peers, so the nodes of a cluster are launched together and then waited for (see
 * {@link StorageCluster}): {@link #launch()} returns at once, {@link #awaitReady()} waits.
 *
 * <p>Its data directory holds what the node keeps (shards, manifests, records) and, written on
 * every launch, {@code log4j.properties}; while it runs also {@code node.pid}. The log file and the
 * temp directory default to {@code node.log} and {@code tmp/} there.
 *
 * <p>The JVM gets {@code --add-modules jdk.incubator.vector}, which the erasure codec uses when it
 * is present, and a modest heap: a node holds a few segments per request, never whole objects.
 */
public final class StorageNodeServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StorageNodeServer.class.getName());

    public static final String MAIN_CLASS = "io.cere.stack.storage.node.NodeMain";

    /** Everything to stdout, which {@link ServerProcess} appends to the node's log file. */
    static final String LOG4J_PROPERTIES =
            String.join(
                    "\n",
                    "log4j.rootLogger=INFO, stdout",
                    "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                    "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                    "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                    "");

    /** The JVM options every node gets before the caller's. */
    static final List<String> JVM_OPTIONS =
            List.of("--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true");

    private final String mainClass;
    private final String nodeId;
    private final URI url;
    private final Path clusterFile;
    private final Path clusterSecret;
    private final Path dataDir;
    private final List<Path> classPath;
    private final String heap;
    private final Path s3Credentials;
    private final String kafka;
    private final Path logFile;
    private final Path tmpDir;
    private final RunDirectory runDirectory;
    private final String runName;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final List<String> jvmOptions;

    private ServerProcess process;
    private long launchedAt;

    private StorageNodeServer(Builder builder) {
        this.mainClass = builder.mainClass;
        this.nodeId = builder.nodeId;
        this.url = builder.url;
        this.clusterFile = builder.clusterFile;
        this.clusterSecret = builder.clusterSecret;
        this.dataDir = builder.dataDir;
        this.classPath = builder.classPath == null ? null : List.copyOf(builder.classPath);
        this.heap = builder.heap;
        this.s3Credentials = builder.s3Credentials;
        this.kafka = builder.kafka;
        this.logFile = builder.logFile != null ? builder.logFile : dataDir.resolve("node.log");
        this.tmpDir = builder.tmpDir != null ? builder.tmpDir : dataDir.resolve("tmp");
        this.runDirectory = builder.runDirectory;
        this.runName = builder.runName != null ? builder.runName : "storage-" + nodeId;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link #launch()}, then {@link #awaitReady()}. */
    public StorageNodeServer start() throws IOException, InterruptedException {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Starts the node's JVM and returns without waiting for it to be healthy. Fails at once if the
     * port is taken or the node's class path cannot be found; records the pid in the run directory,
     * if there is one.
     */
    public synchronized StorageNodeServer launch() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException(
                    this + " is already running (pid " + process.pid() + ")");
        }
        try {
            FreePorts.requireFree(url.getHost(), url.getPort(), "storage node " + nodeId);
        } catch (ServerStartException e) {
            throw new ServerStartException("Cannot start " + this + ": " + e.getMessage(), e);
        }
        List<Path> jvmClassPath = classPath != null ? classPath : StorageNodeClassPath.find();
        ServerProcess.writeAtomically(log4jProperties(), LOG4J_PROPERTIES);
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "--cluster",
                        clusterFile.toAbsolutePath().toString(),
                        "--node",
                        nodeId,
                        "--data",
                        dataDir.toAbsolutePath().toString(),
                        // The port of the node's URL in the cluster file, stated so that the
                        // command line shows what the node listens on.
                        "--port",
                        Integer.toString(url.getPort())));
        if (clusterSecret != null) {
            args.addAll(List.of("--cluster-secret", clusterSecret.toAbsolutePath().toString()));
        }
        if (s3Credentials != null) {
            args.addAll(List.of("--s3-credentials", s3Credentials.toAbsolutePath().toString()));
        }
        if (kafka != null) {
            args.addAll(List.of("--kafka", kafka));
        }
        launchedAt = System.nanoTime();
        ServerProcess started =
                ServerProcess.builder()
                        .name("Storage node " + nodeId)
                        .mainClass(mainClass)
                        .classPath(jvmClassPath)
                        .args(args)
                        .heap(heap)
                        .jvmOptions(JVM_OPTIONS.toArray(String[]::new))
                        .jvmOptions(
                                "-Dlog4j.configuration="
                                        + log4jProperties().toAbsolutePath().toUri())
                        .jvmOptions(jvmOptions.toArray(String[]::new))
                        .workingDir(dataDir)
                        .logFile(logFile)
                        .pidFile(dataDir.resolve("node.pid"))
                        .tmpDir(tmpDir)
                        .start();
        if (runDirectory != null) {
            try {
                runDirectory.register(runName, started.pid(), commandLineHint());
            } catch (IOException | RuntimeException e) {
                started.kill();
                throw e;
            }
        }
        process = started;
        return this;
    }

    /**
     * Waits until the node answers {@code GET /health} with 200 and its own id, which it does once
     * its peers answer. On failure the node is killed and the exception carries the end of its log.
     */
    public void awaitReady() throws ServerStartException, InterruptedException {
        ServerProcess launched;
        synchronized (this) {
            if (process == null) {
                throw new IllegalStateException(this + " has not been launched");
            }
            launched = process;
        }
        try {
            launched.waitUntil(
                    startTimeout, Readiness.httpOk(url.resolve("/health"), "\"" + nodeId + "\""));
        } catch (ServerStartException | InterruptedException | RuntimeException e) {
            launched.kill();
            unregister();
            throw e;
        }
        LOG.log(
                System.Logger.Level.INFO,
                String.format(
                        "Storage node %s ready on %s in %.1f s (pid %d, log %s)",
                        nodeId,
                        url,
                        (System.nanoTime() - launchedAt) / 1e9,
                        launched.pid(),
                        logFile));
    }

    /**
     * Stops the node gracefully (SIGTERM; SIGKILL after the stop timeout) and removes its pid
     * record, also when the process had already died.
     */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            unregister();
            return;
        }
        long begin = System.nanoTime();
        int code = process.stop(stopTimeout);
        unregister();
        LOG.log(
                System.Logger.Level.INFO,
                String.format(
                        "Storage node %s stopped in %.1f s (pid %d, %s)",
                        nodeId,
                        (System.nanoTime() - begin) / 1e9,
                        process.pid(),
                        ServerProcess.describeExit(code)));
    }

    /** Kills the node at once (SIGKILL), as a crash would; {@link #start()} brings it back. */
    public synchronized void kill() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
        process.kill();
        unregister();
        LOG.log(System.Logger.Level.INFO, "Killed " + this + " (pid " + process.pid() + ")");
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the running node, or of the last one if it has stopped. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(this + " has not been launched");
        }
        return process.pid();
    }

    /** The exit code of the last run once it has ended; empty while it runs or before launch. */
    public synchronized OptionalInt exitCode() {
        return process == null ? OptionalInt.empty() : process.exitCode();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Where the node answers: its native API, {@code /health} and, when mounted, S3. */
    public URI url() {
        return url;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The node's log: its log4j output, stdout and stderr, appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** The name of the node's record in the run directory. */
    public String runName() {
        return runName;
    }

    @Override
    public String toString() {
        return "storage node " + nodeId + " " + url + " (data " + dataDir + ")";
    }

    /** A piece of the command line no other process has: {@code --data <absolute dir>}. */
    private String commandLineHint() {
        return dataDir.toAbsolutePath().toString();
    }

    private Path log4jProperties() {
        return dataDir.resolve("log4j.properties");
    }

    private void unregister() {
        if (runDirectory == null) {
            return;
        }
        try {
            runDirectory.unregister(runName);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not unregister " + this + " from " + runDirectory.dir(),
                    e);
        }
    }

    /**
     * Options for {@link StorageNodeServer}. Required: the node id, its URL (as in the cluster
     * file), the cluster file and the data directory.
     */
    public static final class Builder {

        private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
        private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

        private String mainClass = MAIN_CLASS;
        private String nodeId;
        private URI url;
        private Path clusterFile;
        private Path clusterSecret;
        private Path dataDir;
        private List<Path> classPath;
        private String heap = "256m";
        private Path s3Credentials;
        private String kafka;
        private Path logFile;
        private Path tmpDir;
        private RunDirectory runDirectory;
        private String runName;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder() {}

        /** Another main class taking the node's arguments: a stand-in node, in tests. */
        Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /** The node's id in the cluster file. */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** The node's URL in the cluster file: {@code http://127.0.0.1:9101}. */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder clusterFile(Path clusterFile) {
            this.clusterFile = clusterFile;
            return this;
        }

        /**
         * The cluster secret file, the same for every node of the cluster (passed as {@code
         * --cluster-secret}): the node sends it to its peers and requires it of them. Default:
         * none, which the node accepts only when every member of the cluster file is on loopback.
         */
        public Builder clusterSecret(Path clusterSecret) {
            this.clusterSecret = clusterSecret;
            return this;
        }

        /** The node's own directory; no other node may use it. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The node JVM's class path. Default: {@link StorageNodeClassPath#find()}. */
        public Builder classPath(List<Path> classPath) {
            this.classPath = classPath;
            return this;
        }

        /** Maximum heap, as for {@code -Xmx}. Default {@code 256m}. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /**
         * The S3 access keys file the node's S3 API accepts (passed as {@code --s3-credentials}).
         * Default: none, and the node serves no S3 API.
         */
        public Builder s3Credentials(Path s3Credentials) {
            this.s3Credentials = s3Credentials;
            return this;
        }

        /**
         * The Kafka bootstrap servers the node sends its activity records to (passed as {@code
         * --kafka}), topic {@code activity}. Default: none, and the node appends them to {@code
         * activity.log} in its data dir.
         */
        public Builder kafka(String bootstrapServers) {
            this.kafka = bootstrapServers;
            return this;
        }

        /** Where stdout and stderr go, appended. Default {@code node.log} in the data dir. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The node's {@code java.io.tmpdir}. Default {@code tmp/} in the data dir. */
        public Builder tmpDir(Path tmpDir) {
            this.tmpDir = tmpDir;
            return this;
        }

        /** Where the pid is recorded while the node runs. Default: nowhere. */
        public Builder runDirectory(RunDirectory runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /** The node's name in the run directory. Default {@code storage-<node id>}. */
        public Builder runName(String runName) {
            this.runName = runName;
            return this;
        }

        /** How long the node may take to be healthy once launched. Default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** How long the node may take to stop after SIGTERM before SIGKILL. Default 10 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /** Extra JVM options, after ours so that they win. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        public StorageNodeServer build() {
            sanityCheck();
            return new StorageNodeServer(this);
        }

        private void sanityCheck() {
            require(
                    nodeId != null && NODE_ID.matcher(nodeId).matches(),
                    "nodeId",
                    nodeId,
                    "1-64 letters, digits, '.', '_' or '-' as in the cluster file");
            require(
                    url != null
                            && "http".equals(url.getScheme())
                            && url.getHost() != null
                            && url.getPort() > 0,
                    "url",
                    url,
                    "http://<host>:<port>");
            require(clusterFile != null, "clusterFile", null, "the cluster file");
            require(
                    kafka == null || !kafka.isBlank(),
                    "kafka",
                    kafka,
                    "host:port[,host:port...], or none for the local activity log");
            require(dataDir != null, "dataDir", null, "a directory");
            require(
                    heap != null && HEAP.matcher(heap).matches(),
                    "heap",
                    heap,
                    "a size such as 256m");
            require(
                    classPath == null || !classPath.isEmpty(),
                    "classPath",
                    classPath,
                    "at least one entry, or none set for the default");
            require(
                    startTimeout != null && !startTimeout.isNegative() && !startTimeout.isZero(),
                    "startTimeout",
                    startTimeout,
                    "a positive duration");
            require(
                    stopTimeout != null && !stopTimeout.isNegative(),
                    "stopTimeout",
                    stopTimeout,
                    "a duration >= 0");
            Objects.requireNonNull(jvmOptions);
        }

        private static void require(boolean ok, String field, Object value, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(
                        "StorageNodeServer." + field + " is " + value + "; expected " + expected);
            }
        }
    }
}
