package io.cere.stack.launcher.local;

import io.cere.stack.launcher.CommandFailedException;
import io.cere.stack.launcher.DataDirectory;
import io.cere.stack.launcher.storage.S3KeyFile;
import io.cere.stack.servers.Directories;
import io.cere.stack.servers.KafkaBroker;
import io.cere.stack.servers.KafkaTopics;
import io.cere.stack.servers.Readiness;
import io.cere.stack.servers.RunDirectory;
import io.cere.stack.servers.ServerProcess;
import io.cere.stack.servers.ServerStartException;
import io.cere.stack.servers.StorageCluster;
import io.cere.stack.servers.StorageNodeServer;
import io.cere.stack.storage.s3.auth.AccessKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The supervisor of the local stack: starts the Kafka broker, creates the topics, then starts the
 * storage nodes, the gateway and the Flink MiniCluster side by side, each in its own JVM, waits for
 * all of them, and stops them in reverse order, the storage nodes just before Kafka.
 *
 * <p>One instance is one run. {@link #start()} either returns with every server healthy or throws,
 * leaving the servers it started running for {@link #stop()} to end. {@link #stop()} may be called
 * from any thread (a shutdown hook) and at any time, also while {@link #start()} is still running:
 * a server started after it is stopped at once.
 */
final class LocalStack {

    static final Duration FLINK_STOP_GRACE = Duration.ofSeconds(30);
    static final Duration GATEWAY_STOP_GRACE = Duration.ofSeconds(10);
    static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    /**
     * A Ctrl-C in a terminal reaches the servers too; give the launcher's own stop a moment to
     * begin before calling a server's exit unexpected.
     */
    private static final Duration DEATH_CONFIRMATION = Duration.ofSeconds(1);

    private final LocalStackOptions options;
    private final DataDirectory dirs;
    private final PrintWriter err;
    private final RunDirectory runDirectory;
    private final HttpProbe probe = new HttpProbe();

    private final Object lock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;
    private DataDirLock dataDirLock;
    private KafkaBroker kafka;
    private StorageCluster storage;
    private AccessKey s3Key;
    private final List<Child> children = new ArrayList<>();

    /** A server JVM the launcher started, with its name in the pid registry. */
    private record Child(String name, ServerProcess process, Duration grace) {}

    LocalStack(LocalStackOptions options, PrintWriter err) {
        this.options = options;
        this.dirs = options.dataDir();
        this.err = err;
        this.runDirectory = new RunDirectory(dirs.run());
    }

    /** Starts every server and waits until each is healthy; returns how long it took. */
    Duration start() throws IOException, InterruptedException {
        long begin = System.nanoTime();
        for (Path dir : List.of(dirs.root(), dirs.logs(), dirs.run(), dirs.tmp(), dirs.conf())) {
            Files.createDirectories(dir);
        }
        takeDataDir();
        reapStaleServers();
        deleteContents(dirs.tmp());
        checkPorts();
        ServerJvms.writeLogConfig(dirs);
        s3Key = S3KeyFile.ensure(dirs.storage().resolve(S3KeyFile.NAME));

        startKafka();
        List<String> created =
                KafkaTopics.createMissing(
                        options.bootstrapServers(),
                        partitionsByTopic(options.topics()),
                        options.startupTimeout());
        if (!created.isEmpty()) {
            say("created topics " + String.join(", ", created));
        }

        // The storage nodes send their activity records to Kafka (topic activity) and need
        // nothing else: they start with the gateway and Flink.
        long storageBegin = System.nanoTime();
        launchStorage();

        // The gateway and Flink need only Kafka: start both, then wait for everything started.
        say(
                "starting the gateway on "
                        + options.gatewayUrl()
                        + " and Flink on "
                        + options.flinkUrl());
        long serversBegin = System.nanoTime();
        Child gateway = adopt(GatewayJvm.NAME, GatewayJvm.start(options, dirs), GATEWAY_STOP_GRACE);
        Child flink = adopt(FlinkJvm.NAME, FlinkJvm.start(options, dirs), FLINK_STOP_GRACE);
        awaitReady(gateway, GatewayJvm.readiness(options, probe));
        say(String.format(Locale.ROOT, "gateway ready (%.1f s)", seconds(serversBegin)));
        awaitReady(flink, FlinkJvm.readiness(options, probe));
        say(
                String.format(
                        Locale.ROOT,
                        "Flink ready, IngestJob running (%.1f s)",
                        seconds(serversBegin)));
        awaitStorage();
        say(String.format(Locale.ROOT, "storage cluster ready (%.1f s)", seconds(storageBegin)));
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /**
     * Watches the servers until one exits or {@link #stop()} begins. Returns a description of the
     * server that exited (with the end of its log), or empty when the stack is being stopped.
     */
    Optional<String> awaitUnexpectedExit() throws InterruptedException {
        while (true) {
            Optional<String> exited = firstExited();
            if (exited.isPresent()) {
                Thread.sleep(DEATH_CONFIRMATION.toMillis());
            }
            synchronized (lock) {
                if (stopping) {
                    return Optional.empty();
                }
            }
            if (exited.isPresent()) {
                return exited;
            }
            Thread.sleep(WATCH_INTERVAL.toMillis());
        }
    }

    /**
     * Stops every server in reverse start order (SIGTERM, then SIGKILL after a grace period),
     * removes their pid records and temp files, and releases the data directory. Returns false
     * without doing anything when another call already did or is doing it.
     */
    boolean stop() {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            stopping = true;
        }
        try {
            List<Child> running;
            synchronized (lock) {
                running = new ArrayList<>(children);
            }
            for (int i = running.size() - 1; i >= 0; i--) {
                stopChild(running.get(i));
            }
            stopStorage();
            stopKafka();
            // Only the launcher holding the data directory may clean it: a second launcher that
            // found it taken must not touch the running stack's files.
            if (dataDirLock != null) {
                try {
                    deleteContents(dirs.tmp());
                } catch (IOException e) {
                    say("could not empty " + dirs.tmp() + ": " + e);
                }
                try {
                    dataDirLock.close();
                } catch (IOException e) {
                    say("could not release the lock on " + dirs.root() + ": " + e);
                }
            }
        } finally {
            stopped.countDown();
        }
        return true;
    }

    boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Waits until a {@link #stop()} in progress has finished. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    Path kafkaLog() {
        return dirs.log("kafka");
    }

    /** The S3 key every storage node accepts; known once {@link #start()} has begun. */
    AccessKey s3Key() {
        return s3Key;
    }

    private void takeDataDir() throws IOException {
        Path lockFile = dirs.run().resolve("launcher.lock");
        Optional<DataDirLock> taken = DataDirLock.tryAcquire(lockFile);
        if (taken.isEmpty()) {
            List<LocalStackOptions.Port> busy = PortCheck.busy(options.host(), options.ports());
            throw new CommandFailedException(
                    "another `cere local` (pid "
                            + DataDirLock.holder(lockFile)
                            + ") is already running with data directory "
                            + dirs.root()
                            + (busy.isEmpty()
                                    ? ""
                                    : "; " + PortCheck.describe(options.host(), busy))
                            + ". Stop it first, or use another --data-dir and other ports.");
        }
        dataDirLock = taken.get();
    }

    private void reapStaleServers() throws IOException {
        for (RunDirectory.StaleServer stale : runDirectory.reapStale()) {
            String what =
                    switch (stale.outcome()) {
                        case KILLED -> "was still running; stopped it";
                        case ALREADY_EXITED -> "had exited";
                        case NOT_THE_RECORDED_PROCESS ->
                                "pid now belongs to another process; left it";
                        case UNREADABLE -> "record was unreadable; removed it";
                    };
            say("left by an earlier run: " + stale.name() + " (pid " + stale.pid() + ") " + what);
        }
    }

    private void checkPorts() {
        List<LocalStackOptions.Port> busy = PortCheck.busy(options.host(), options.ports());
        if (!busy.isEmpty()) {
            throw new CommandFailedException(
                    PortCheck.describe(options.host(), busy)
                            + ". Stop what uses it, or choose another port with "
                            + PortCheck.optionsFor(busy)
                            + ".");
        }
    }

    private void launchStorage() throws IOException {
        say(
                "starting "
                        + LocalStackOptions.STORAGE_NODES
                        + " storage nodes on "
                        + options.storageUrls().get(0)
                        + " .. "
                        + options.storageUrls().get(LocalStackOptions.STORAGE_NODES - 1));
        StorageCluster cluster = StorageNodes.cluster(options, dirs, runDirectory);
        synchronized (lock) {
            if (stopping) {
                throw new StackStoppedException();
            }
            storage = cluster;
        }
        try {
            cluster.launch();
        } catch (ServerStartException e) {
            throw new CommandFailedException(
                    "the storage nodes did not start: " + e.getMessage(), e);
        }
        synchronized (lock) {
            if (stopping) {
                // stop() may have looked before the nodes ran; make sure they end.
                cluster.stop();
                throw new StackStoppedException();
            }
        }
    }

    private void awaitStorage() throws InterruptedException {
        try {
            storage.awaitReady();
        } catch (ServerStartException e) {
            if (isStopping()) {
                throw new StackStoppedException();
            }
            throw new CommandFailedException(
                    "the storage cluster did not start: " + e.getMessage(), e);
        }
    }

    private void startKafka() throws IOException, InterruptedException {
        say("starting Kafka on " + options.bootstrapServers());
        long begin = System.nanoTime();
        KafkaBroker broker =
                KafkaBroker.builder()
                        .dataDir(dirs.kafka())
                        .host(options.host())
                        .port(options.kafkaPort())
                        .controllerPort(options.kafkaControllerPort())
                        .heap("512m")
                        .logFile(kafkaLog())
                        .tmpDir(dirs.tmp("kafka"))
                        .startTimeout(options.startupTimeout())
                        .stopTimeout(KAFKA_STOP_GRACE)
                        .runDirectory(runDirectory)
                        .build();
        synchronized (lock) {
            if (stopping) {
                throw new StackStoppedException();
            }
            kafka = broker;
        }
        try {
            broker.start();
        } catch (ServerStartException e) {
            throw new CommandFailedException("Kafka did not start: " + e.getMessage(), e);
        }
        say(String.format(Locale.ROOT, "Kafka ready (%.1f s)", seconds(begin)));
        synchronized (lock) {
            if (stopping) {
                // stop() may have looked before the broker ran; make sure it ends.
                broker.stop();
                throw new StackStoppedException();
            }
        }
    }

    /** Records a started server so that {@link #stop()} ends it, or ends it now if stopping. */
    private Child adopt(String name, ServerProcess process, Duration grace) throws IOException {
        Child child = new Child(name, process, grace);
        synchronized (lock) {
            if (!stopping) {
                children.add(child);
                runDirectory.register(name, process.pid(), ServerJvms.commandLineHint(dirs, name));
                return child;
            }
        }
        process.stop(grace);
        throw new StackStoppedException();
    }

    private void awaitReady(Child child, Readiness... readiness) throws InterruptedException {
        try {
            child.process().waitUntil(options.startupTimeout(), readiness);
        } catch (ServerStartException e) {
            if (isStopping()) {
                throw new StackStoppedException();
            }
            throw new CommandFailedException(
                    child.process().name() + " did not start: " + e.getMessage(), e);
        }
    }

    private Optional<String> firstExited() {
        if (kafka != null && !kafka.isRunning()) {
            return Optional.of(
                    "the Kafka broker exited unexpectedly.\n"
                            + LogTail.describe(kafkaLog(), LogTail.LINES));
        }
        StorageCluster nodes;
        List<Child> watched;
        synchronized (lock) {
            nodes = storage;
            watched = new ArrayList<>(children);
        }
        if (nodes != null) {
            for (StorageNodeServer node : nodes.nodes()) {
                if (node.exitCode().isPresent()) {
                    return Optional.of(
                            String.format(
                                    "storage node %s (pid %d) exited unexpectedly with code %d.%n%s",
                                    node.nodeId(),
                                    node.pid(),
                                    node.exitCode().getAsInt(),
                                    LogTail.describe(node.logFile(), LogTail.LINES)));
                }
            }
        }
        for (Child child : watched) {
            if (!child.process().isAlive()) {
                return Optional.of(
                        String.format(
                                "the %s (pid %d) exited unexpectedly with code %d.%n%s",
                                child.process().name(),
                                child.process().pid(),
                                child.process().exitCode().orElse(-1),
                                LogTail.describe(child.process().logFile(), LogTail.LINES)));
            }
        }
        return Optional.empty();
    }

    private void stopChild(Child child) {
        ServerProcess process = child.process();
        long begin = System.nanoTime();
        try {
            if (process.isAlive()) {
                process.stop(child.grace());
                say(
                        String.format(
                                Locale.ROOT,
                                "stopped the %s (%.1f s)",
                                process.name(),
                                seconds(begin)));
            }
        } catch (RuntimeException e) {
            say("could not stop the " + process.name() + ": " + e);
        }
        try {
            runDirectory.unregister(child.name());
        } catch (IOException e) {
            say("could not remove the pid record of the " + process.name() + ": " + e);
        }
    }

    private void stopStorage() {
        StorageCluster cluster;
        synchronized (lock) {
            cluster = storage;
        }
        if (cluster == null) {
            return;
        }
        long begin = System.nanoTime();
        boolean running = cluster.nodes().stream().anyMatch(StorageNodeServer::isRunning);
        cluster.stop();
        if (running) {
            say(String.format(Locale.ROOT, "stopped the storage nodes (%.1f s)", seconds(begin)));
        }
    }

    private void stopKafka() {
        KafkaBroker broker;
        synchronized (lock) {
            broker = kafka;
        }
        if (broker == null) {
            return;
        }
        long begin = System.nanoTime();
        try {
            boolean running = broker.isRunning();
            broker.stop();
            if (running) {
                say(String.format(Locale.ROOT, "stopped Kafka (%.1f s)", seconds(begin)));
            }
        } catch (RuntimeException e) {
            say("could not stop Kafka: " + e);
        }
    }

    /** Deletes everything inside {@code dir}, keeping {@code dir}. */
    static void deleteContents(Path dir) throws IOException {
        Directories.deleteContents(dir);
    }

    private void say(String message) {
        err.println("cere local: " + message);
        err.flush();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** {@link #stop()} began while the stack was starting; the start is abandoned. */
    static final class StackStoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StackStoppedException() {
            super("the stack is being stopped", null, false, false);
        }
    }

    private static Map<String, Integer> partitionsByTopic(List<LocalStackOptions.Topic> topics) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        topics.forEach(topic -> partitions.put(topic.name(), topic.partitions()));
        return partitions;
    }
}
