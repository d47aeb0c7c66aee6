package io.cere.stack.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) on loopback, in its own supervised
 * JVM, for the local stack and integration tests.
 *
 * <p>Everything lives under the data directory:
 *
 * <pre>
 * cluster.id          created on first start, reused by every later one
 * server.properties   log4j.properties
 * broker.log          the broker's log (appended across restarts), JVM crash files next to it
 * broker.pid          while running
 * kafka-logs/         log.dirs: the topic data
 * metadata/           metadata.log.dir: the KRaft metadata log
 * tmp/                the broker's java.io.tmpdir
 * </pre>
 *
 * <p>The log file and the temp directory can be put elsewhere (a stack's common {@code logs/} and
 * {@code tmp/}); the rest stays together, since it is one broker's state.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().dataDir(Path.of(".cere/kafka")).build().start()) {
 *     String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:9092"
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    /** Logged by {@code kafka.server.KafkaRaftServer} once the broker serves clients. */
    static final String STARTED_LINE = "Kafka Server started";

    /** The name under which a {@link RunDirectory} records the broker. */
    public static final String RUN_NAME = "kafka";

    private static final String NAME = "Kafka broker";
    private static final String FORMAT_HEAP = "256m";

    private final Path dataDir;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final Map<String, String> properties;
    private final RunDirectory runDirectory;
    private final Path logFile;
    private final Path tmpDir;

    private ServerProcess process;
    private String clusterId;

    private KafkaBroker(Builder builder) {
        this.dataDir = builder.dataDir;
        this.host = builder.host;
        this.port = builder.port;
        this.controllerPort = builder.controllerPort();
        this.heap = builder.heap;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.properties = Map.copyOf(builder.properties);
        this.runDirectory = builder.runDirectory;
        this.logFile = builder.logFile != null ? builder.logFile : dataDir.resolve("broker.log");
        this.tmpDir = builder.tmpDir != null ? builder.tmpDir : dataDir.resolve("tmp");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and waits until it serves clients: formats the storage on first start,
     * starts the broker JVM, waits for the client port and the broker's "started" log line. Fails
     * at once if a port is taken; on any failure no broker process is left running.
     */
    public synchronized KafkaBroker start() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException(
                    this + " is already running (pid " + process.pid() + ")");
        }
        long begin = System.nanoTime();
        try {
            FreePorts.requireFree(host, port, "client listener, KafkaBroker.Builder.port");
            FreePorts.requireFree(
                    host,
                    controllerPort,
                    "controller listener, KafkaBroker.Builder.controllerPort");
        } catch (ServerStartException e) {
            throw new ServerStartException("Cannot start " + this + ": " + e.getMessage(), e);
        }
        List<Path> classPath = KafkaBrokerConfig.brokerClassPath();
        Files.createDirectories(logDir());
        Files.createDirectories(metadataDir());
        clusterId = KafkaBrokerConfig.clusterId(dataDir.resolve("cluster.id"));
        ServerProcess.writeAtomically(
                serverProperties(),
                KafkaBrokerConfig.render(
                        KafkaBrokerConfig.serverProperties(
                                host, port, controllerPort, logDir(), metadataDir(), properties),
                        "Written by "
                                + KafkaBroker.class.getName()
                                + " on every start; edits are lost."));
        ServerProcess.writeAtomically(log4jProperties(), KafkaBrokerConfig.log4jProperties());
        if (!isFormatted()) {
            format(classPath);
        }

        ServerProcess started =
                ServerProcess.builder()
                        .name(NAME)
                        .mainClass("kafka.Kafka")
                        .classPath(classPath)
                        .args(serverProperties().toAbsolutePath().toString())
                        .heap(heap)
                        // What Kafka's own start scripts use.
                        .jvmOptions(
                                "-XX:+UseG1GC",
                                "-XX:MaxGCPauseMillis=20",
                                "-XX:InitiatingHeapOccupancyPercent=35",
                                "-XX:+ExplicitGCInvokesConcurrent",
                                "-Djava.awt.headless=true")
                        .jvmOptions(log4jOptions())
                        .workingDir(dataDir)
                        .logFile(logFile())
                        .pidFile(dataDir.resolve("broker.pid"))
                        .tmpDir(tmpDir())
                        .start();
        try {
            started.waitUntil(
                    startTimeout,
                    Readiness.portAccepting(host, port),
                    Readiness.logContains(STARTED_LINE));
            if (runDirectory != null) {
                runDirectory.register(
                        RUN_NAME, started.pid(), serverProperties().toAbsolutePath().toString());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.kill();
            throw e;
        }
        process = started;
        LOG.log(
                System.Logger.Level.INFO,
                String.format(
                        "Kafka broker ready on %s in %.1f s (pid %d, log %s)",
                        bootstrapServers(),
                        (System.nanoTime() - begin) / 1e9,
                        started.pid(),
                        logFile()));
        return this;
    }

    /**
     * Stops the broker gracefully (SIGTERM; SIGKILL after the stop timeout) and removes its pid
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
                        "Kafka broker on %s stopped in %.1f s (pid %d, %s)",
                        bootstrapServers(),
                        (System.nanoTime() - begin) / 1e9,
                        process.pid(),
                        ServerProcess.describeExit(code)));
    }

    /** Stops the broker, then starts it again on the same data directory and ports. */
    public synchronized void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Kills the broker at once (SIGKILL), as a crash would; {@link #restart()} recovers it. */
    public synchronized void kill() {
        running().kill();
        unregister();
        LOG.log(
                System.Logger.Level.INFO,
                "Killed " + this + " (pid " + process.pid() + ") with SIGKILL");
    }

    /** Freezes the broker (SIGSTOP): connections stay open, nothing is answered. */
    public synchronized void suspend() throws IOException {
        running().suspend();
    }

    /** Lets a suspended broker run again (SIGCONT). */
    public synchronized void resume() throws IOException {
        running().resume();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the running broker, or of the last one if it has stopped. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(this + " has not been started");
        }
        return process.pid();
    }

    /** {@code host:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id, known once the broker has been started. */
    public synchronized String clusterId() {
        if (clusterId == null) {
            throw new IllegalStateException(this + " has not been started");
        }
        return clusterId;
    }

    /** The broker's log: its log4j output, stdout and stderr, appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    @Override
    public String toString() {
        return NAME + " " + bootstrapServers() + " (data " + dataDir + ")";
    }

    private ServerProcess running() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
        return process;
    }

    private void unregister() {
        if (runDirectory == null) {
            return;
        }
        try {
            runDirectory.unregister(RUN_NAME);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not unregister " + this + " from " + runDirectory.dir(),
                    e);
        }
    }

    /** Writes meta.properties with the cluster id into both directories, once. */
    private void format(List<Path> classPath) throws IOException, InterruptedException {
        ServerProcess format =
                ServerProcess.builder()
                        .name("Kafka storage format")
                        .mainClass("kafka.tools.StorageTool")
                        .classPath(classPath)
                        .args(
                                "format",
                                "-t",
                                clusterId,
                                "-c",
                                serverProperties().toAbsolutePath().toString(),
                                "--ignore-formatted")
                        .heap(FORMAT_HEAP)
                        // A one-second tool: the C2 compiler would only cost start time.
                        .jvmOptions("-XX:TieredStopAtLevel=1")
                        .jvmOptions(log4jOptions())
                        .workingDir(dataDir)
                        .logFile(logFile())
                        .tmpDir(tmpDir())
                        .start();
        OptionalInt code;
        try {
            code = format.awaitExit(startTimeout);
        } catch (InterruptedException e) {
            format.kill();
            throw e;
        }
        if (code.isEmpty()) {
            format.kill();
            throw new ServerStartException(
                    String.format(
                            "%s did not finish within %d s.%n%s",
                            format,
                            startTimeout.toSeconds(),
                            format.logSinceStart()
                                    .describeTail(ServerProcess.LOG_LINES_IN_ERRORS)));
        }
        if (code.getAsInt() != 0) {
            throw new ServerStartException(
                    String.format(
                            "%s %s.%n%s",
                            format,
                            ServerProcess.describeExit(code.getAsInt()),
                            format.logSinceStart()
                                    .describeTail(ServerProcess.LOG_LINES_IN_ERRORS)));
        }
    }

    private boolean isFormatted() {
        return Files.exists(logDir().resolve("meta.properties"))
                && Files.exists(metadataDir().resolve("meta.properties"));
    }

    private String[] log4jOptions() {
        return new String[] {
            "-Dlog4j.configuration=" + log4jProperties().toAbsolutePath().toUri(),
            "-Dkafka.logs.dir=" + dataDir.toAbsolutePath()
        };
    }

    private Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    private Path log4jProperties() {
        return dataDir.resolve("log4j.properties");
    }

    private Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    private Path metadataDir() {
        return dataDir.resolve("metadata");
    }

    private Path tmpDir() {
        return tmpDir;
    }

    /** Options for {@link KafkaBroker}; only the data directory is required. */
    public static final class Builder {

        private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

        private Path dataDir;
        private String host = "127.0.0.1";
        private int port = 9092;
        private Integer controllerPort;
        private String heap = "512m";
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private final Map<String, String> properties = new LinkedHashMap<>();
        private RunDirectory runDirectory;
        private Path logFile;
        private Path tmpDir;

        private Builder() {}

        /** Where the broker keeps its data, config, log and temp files. Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The address both listeners bind to and clients are told to use. Default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The client (PLAINTEXT) port. Default 9092. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The KRaft controller port. Default: {@link #port} + 1. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** The broker JVM's maximum heap, as for {@code -Xmx}. Default 512m. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** How long {@link #start()} waits for the broker to serve clients. Default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** How long {@link #stop()} waits after SIGTERM before SIGKILL. Default 30 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * Extra broker settings, added to (and overriding) the defaults; the listener, quorum and
         * directory settings come from this builder's options and cannot be set here.
         */
        public Builder properties(Map<String, String> properties) {
            this.properties.putAll(properties);
            return this;
        }

        /**
         * Records the running broker in {@code runDirectory} as {@value #RUN_NAME}. Default: none.
         */
        public Builder runDirectory(RunDirectory runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /** The broker's log file. Default: {@code broker.log} in the data directory. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The broker's {@code java.io.tmpdir}. Default: {@code tmp/} in the data directory. */
        public Builder tmpDir(Path tmpDir) {
            this.tmpDir = tmpDir;
            return this;
        }

        public KafkaBroker build() {
            sanityCheck();
            return new KafkaBroker(this);
        }

        private int controllerPort() {
            return controllerPort != null ? controllerPort : port + 1;
        }

        private void sanityCheck() {
            require(dataDir != null, "dataDir", null, "a directory");
            require(host != null && !host.isBlank(), "host", host, "an address such as 127.0.0.1");
            require(
                    port >= 1 && port <= 65535,
                    "port",
                    port,
                    "1..65535 (FreePorts.pick() in tests)");
            int controller = controllerPort();
            require(
                    controller >= 1 && controller <= 65535,
                    "controllerPort",
                    controllerPort == null ? controller + " (port + 1)" : controller,
                    "1..65535");
            require(controller != port, "controllerPort", controller, "a port other than port");
            require(
                    heap != null && HEAP.matcher(heap).matches(),
                    "heap",
                    heap,
                    "a size such as 512m");
            require(
                    startTimeout != null && !startTimeout.isNegative() && !startTimeout.isZero(),
                    "startTimeout",
                    startTimeout,
                    "a positive duration");
            require(
                    stopTimeout != null && !stopTimeout.isNegative(),
                    "stopTimeout",
                    stopTimeout,
                    "zero or a positive duration");
            properties.forEach(
                    (key, value) -> {
                        String from = KafkaBrokerConfig.DERIVED.get(key);
                        if (from != null) {
                            throw new IllegalArgumentException(
                                    "KafkaBroker.properties sets "
                                            + key
                                            + "; it is derived from "
                                            + from
                                            + " and cannot be set");
                        }
                        Objects.requireNonNull(
                                value, () -> "KafkaBroker.properties: " + key + " has no value");
                    });
        }

        private static void require(boolean ok, String field, Object value, String expected) {
            if (!ok) {
                throw new IllegalArgumentException(
                        "KafkaBroker." + field + " is " + value + "; expected " + expected);
            }
        }
    }
}
