package io.cere.stack.storage.node.testutils;

import io.cere.stack.servers.ClusterSecretFile;
import io.cere.stack.servers.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A storage cluster of real node processes on loopback, one JVM per node, sharing one cluster file
 * and one cluster secret (so the nodes' calls to each other are authenticated as in production).
 * Nodes can be killed (SIGKILL, as a crash) and started again on the same data.
 */
public final class ProcessCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dir;
    private final Path clusterFile;
    private final Path secretFile;
    private final int[] ports;
    private final ServerProcess[] processes;
    private final List<String> extraArgs;

    private ProcessCluster(
            Path dir, Path clusterFile, Path secretFile, int[] ports, List<String> extraArgs) {
        this.dir = dir;
        this.clusterFile = clusterFile;
        this.secretFile = secretFile;
        this.ports = ports;
        this.processes = new ServerProcess[ports.length];
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Writes the cluster file ({@code settings} are its JSON fields before {@code nodes}) and
     * starts every node; returns once all are ready.
     */
    public static ProcessCluster start(Path dir, int nodes, String settings)
            throws IOException, InterruptedException {
        return start(dir, nodes, settings, List.of());
    }

    /**
     * Like {@link #start(Path, int, String)}, with {@code extraArgs} on every node's command line.
     */
    public static ProcessCluster start(Path dir, int nodes, String settings, List<String> extraArgs)
            throws IOException, InterruptedException {
        int[] ports = NodeProcesses.ports(nodes);
        StringBuilder json = new StringBuilder("{").append(settings).append(", \"nodes\": [");
        for (int i = 0; i < nodes; i++) {
            json.append(i == 0 ? "" : ", ")
                    .append("{\"id\": \"")
                    .append(id(i))
                    .append("\", \"url\": \"http://127.0.0.1:")
                    .append(ports[i])
                    .append("\"}");
        }
        json.append("]}");
        Files.createDirectories(dir);
        Path clusterFile = dir.resolve("cluster.json");
        Files.writeString(clusterFile, json.toString());
        Path secretFile = ClusterSecretFile.createIfAbsent(dir.resolve("cluster-secret"));
        ProcessCluster cluster = new ProcessCluster(dir, clusterFile, secretFile, ports, extraArgs);
        try {
            for (int i = 0; i < nodes; i++) {
                cluster.processes[i] = cluster.launch(i);
            }
            for (ServerProcess process : cluster.processes) {
                NodeProcesses.awaitReady(process, START_TIMEOUT);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public static String id(int node) {
        return "n" + (node + 1);
    }

    public int size() {
        return ports.length;
    }

    public URI uri(int node) {
        return URI.create("http://127.0.0.1:" + ports[node]);
    }

    /** The secret every node requires on {@code /internal/}, as a caller sends it. */
    public String clusterSecret() {
        try {
            return ClusterSecretFile.read(secretFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDir(int node) {
        return dir.resolve(id(node)).resolve("data");
    }

    public boolean isRunning(int node) {
        return processes[node] != null && processes[node].isAlive();
    }

    /** Kills the node at once (SIGKILL), as a crash would. */
    public void kill(int node) {
        processes[node].kill();
    }

    /** Starts a killed node again on its data and waits until it is ready. */
    public void restart(int node) throws IOException, InterruptedException {
        if (isRunning(node)) {
            throw new IllegalStateException("node " + id(node) + " is still running");
        }
        processes[node] = launch(node);
        NodeProcesses.awaitReady(processes[node], START_TIMEOUT);
    }

    /** Starts again every node that is not running. */
    public void restartStopped() throws IOException, InterruptedException {
        List<Integer> stopped = new ArrayList<>();
        for (int node = 0; node < size(); node++) {
            if (!isRunning(node)) {
                processes[node] = launch(node);
                stopped.add(node);
            }
        }
        for (int node : stopped) {
            NodeProcesses.awaitReady(processes[node], START_TIMEOUT);
        }
    }

    @Override
    public void close() {
        for (ServerProcess process : processes) {
            if (process != null && process.isAlive()) {
                process.stop(STOP_GRACE);
            }
        }
    }

    private ServerProcess launch(int node) throws IOException {
        Path nodeDir = dir.resolve(id(node));
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "--cluster",
                        clusterFile.toAbsolutePath().toString(),
                        "--node",
                        id(node),
                        "--data",
                        dataDir(node).toAbsolutePath().toString(),
                        "--cluster-secret",
                        secretFile.toAbsolutePath().toString()));
        args.addAll(extraArgs);
        return NodeProcesses.launch("storage node " + id(node), nodeDir, args);
    }
}
