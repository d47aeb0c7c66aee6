package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.testutils.ClassPaths;
import io.cere.stack.servers.testutils.Processes;
import io.cere.stack.servers.testutils.StandInStorageNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervision of a storage cluster, with {@link StandInStorageNode} in each node's place (the real
 * node's own tests and the client's run it under this class).
 */
class StorageClusterITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;

    @Test
    void launchesEveryNodeRecordsThemAndStopsThemAll() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        StorageCluster cluster =
                standIns(run, FreePorts.pickConsecutive(3)).kafka("127.0.0.1:9092").build();
        List<Long> pids;
        try (cluster) {
            cluster.start();

            pids = cluster.nodes().stream().map(StorageNodeServer::pid).toList();
            assertThat(pids).hasSize(3).allMatch(Processes::isRunning);
            for (StorageNodeServer node : cluster.nodes()) {
                assertThat(run.dir().resolve(node.runName() + ".pid"))
                        .content()
                        .contains("pid=" + node.pid());
                assertThat(node.logFile())
                        .content()
                        .contains("--cluster " + cluster.clusterFile().toAbsolutePath())
                        .contains("--node " + node.nodeId())
                        .contains(
                                "--cluster-secret " + cluster.clusterSecretFile().toAbsolutePath())
                        .contains("--kafka 127.0.0.1:9092")
                        .contains("--add-modules jdk.incubator.vector")
                        .contains("-Xmx256m");
            }
            assertThat(cluster.clusterFile()).content().contains("\"id\": \"node-3\"");
            assertThat(cluster.clusterSecretFile()).content().matches("[0-9a-f]{64}\n");
        }
        for (long pid : pids) {
            assertThat(Processes.await(TIMEOUT, () -> !Processes.isRunning(pid)))
                    .as("pid " + pid + " stopped")
                    .isTrue();
        }
        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void aNodeThatDiesAtStartFailsTheStartNamingItAndLeavesNoNodeRunning() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        StorageCluster cluster = standIns(run, FreePorts.pickConsecutive(3)).build();
        Files.createDirectories(dir.resolve("storage/node-2"));
        Files.createFile(dir.resolve("storage/node-2").resolve(StandInStorageNode.CRASH_MARKER));

        assertThatThrownBy(cluster::start)
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("Storage node node-2")
                .hasMessageContaining("exited with code " + StandInStorageNode.CRASH_EXIT_CODE)
                .hasMessageContaining("crashing at start as asked");
        for (StorageNodeServer node : cluster.nodes()) {
            assertThat(node.isRunning()).as(node.toString()).isFalse();
        }
        assertThat(run.dir()).isEmptyDirectory();
    }

    @Test
    void aTakenPortFailsBeforeAnyNodeIsLaunched() throws Exception {
        int base = FreePorts.pickConsecutive(3);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 1));
            StorageCluster cluster = standIns(null, base).build();

            assertThatThrownBy(cluster::start)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("127.0.0.1:" + (base + 1) + " (storage node node-2)")
                    .hasMessageContaining("already in use");
            for (StorageNodeServer node : cluster.nodes()) {
                assertThatThrownBy(node::pid).hasMessageContaining("has not been launched");
            }
        }
    }

    private StorageCluster.Builder standIns(RunDirectory run, int basePort) {
        return StorageCluster.builder()
                .mainClass(StandInStorageNode.class.getName())
                .classPath(List.of(ClassPaths.locationOf(StandInStorageNode.class)))
                .dir(dir.resolve("storage"))
                .nodes(3)
                .k(2)
                .m(1)
                .basePort(basePort)
                .runDirectory(run)
                .startTimeout(TIMEOUT);
    }
}
