package io.cere.stack.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cere.stack.servers.ServerProcess;
import io.cere.stack.storage.node.config.ClusterConfig;
import io.cere.stack.storage.node.config.ClusterConfigException;
import io.cere.stack.storage.node.config.NodeSettings;
import io.cere.stack.storage.node.testutils.NodeClient;
import io.cere.stack.storage.node.testutils.NodeProcesses;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node refuses at start a cluster it could not work in, and says why. */
class NodeStartupITCase {

    @TempDir Path dir;
    private final int[] ports = NodeProcesses.ports(3);

    @Test
    void refusesToStartWhenAPeerDoesNotAnswer() {
        ClusterConfig config = twoNodes(0).build();

        assertThatThrownBy(
                        () ->
                                StorageNode.start(
                                        NodeSettings.of(config, "a", dir.resolve("a"), null)))
                .isInstanceOf(ClusterConfigException.class)
                .hasMessageContaining(
                        "1 of 1 peers did not answer within the startup timeout of 1 s")
                .hasMessageContaining("b (http://127.0.0.1:" + ports[1] + ")");
    }

    @Test
    void startsWithoutAPeerTheClusterFileAllowsToBeMissingButRefusesWrites() throws Exception {
        ClusterConfig config = twoNodes(1).build();

        try (StorageNode node =
                StorageNode.start(NodeSettings.of(config, "a", dir.resolve("a"), null))) {
            NodeClient client = new NodeClient();
            assertThat(client.getText(node.uri().resolve("/health")).statusCode()).isEqualTo(200);
            HttpResponse<String> put = client.put(node.uri(), "b", new byte[] {1, 2, 3});
            assertThat(put.statusCode()).isEqualTo(503);
            assertThat(put.body()).contains("StorageUnavailable", "node b");
        }
    }

    @Test
    void refusesAPeerThatAnswersAsAnotherNode() throws Exception {
        try (StorageNode a =
                StorageNode.start(
                        NodeSettings.of(twoNodes(1).build(), "a", dir.resolve("a"), null))) {
            ClusterConfig swapped =
                    ClusterConfig.builder()
                            .source("cluster file swapped.json")
                            .k(1)
                            .m(1)
                            .member("c", url(0))
                            .member("b", url(1))
                            .startupTimeout(Duration.ofSeconds(1))
                            .build();

            assertThatThrownBy(
                            () ->
                                    StorageNode.start(
                                            NodeSettings.of(swapped, "b", dir.resolve("b"), null)))
                    .isInstanceOf(ClusterConfigException.class)
                    .hasMessage(
                            "cluster file swapped.json lists node c at "
                                    + url(0)
                                    + ", but the node there says it is 'a'; are two URLs swapped?");
        }
    }

    @Test
    void refusesAPeerStartedWithAnotherClusterFile() throws Exception {
        try (StorageNode a =
                StorageNode.start(
                        NodeSettings.of(twoNodes(1).build(), "a", dir.resolve("a"), null))) {
            ClusterConfig other = twoNodes(1).k(2).m(0).unreachablePeersAllowedAtStart(0).build();

            assertThatThrownBy(
                            () ->
                                    StorageNode.start(
                                            NodeSettings.of(other, "b", dir.resolve("b"), null)))
                    .isInstanceOf(ClusterConfigException.class)
                    .hasMessageContaining(
                            "node a at " + url(0) + " runs with another cluster file");
        }
    }

    @Test
    void refusesASecondNodeOnTheSameDataDirectory() throws Exception {
        ClusterConfig config = twoNodes(1).build();
        try (StorageNode a =
                StorageNode.start(NodeSettings.of(config, "a", dir.resolve("a"), null))) {
            assertThatThrownBy(
                            () ->
                                    StorageNode.start(
                                            NodeSettings.of(
                                                    config, "a", dir.resolve("a"), ports[2])))
                    .hasMessageContaining("is in use by another storage node");
        }
    }

    @Test
    void exitsWithCode2AndNamesTheSettingWhenTheClusterCannotWork() throws Exception {
        Path clusterFile = dir.resolve("cluster.json");
        Files.writeString(
                clusterFile,
                "{\"k\": 4, \"m\": 2, \"nodes\": [{\"id\": \"a\", \"url\": \"" + url(0) + "\"}]}");

        ServerProcess process =
                NodeProcesses.launch(
                        "misconfigured storage node",
                        dir.resolve("node"),
                        List.of(
                                "--cluster",
                                clusterFile.toString(),
                                "--node",
                                "a",
                                "--data",
                                dir.resolve("data").toString()));
        OptionalInt exit = process.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).hasValue(NodeMain.CONFIG_ERROR_EXIT_CODE);
        assertThat(Files.readString(process.logFile()))
                .contains(
                        "error: cluster file "
                                + clusterFile
                                + ": k+m is 6 (k 4, m 2); expected at most the number of nodes");
    }

    private ClusterConfig.Builder twoNodes(int unreachableAllowed) {
        return ClusterConfig.builder()
                .source("cluster file two.json")
                .k(1)
                .m(1)
                .member("a", url(0))
                .member("b", url(1))
                .startupTimeout(Duration.ofSeconds(1))
                .unreachablePeersAllowedAtStart(unreachableAllowed);
    }

    private URI url(int node) {
        return URI.create("http://127.0.0.1:" + ports[node]);
    }
}
