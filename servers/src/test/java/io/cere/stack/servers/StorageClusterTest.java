package io.cere.stack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageClusterTest {

    private static final Path DIR = Path.of("/data/storage");

    @Test
    void givesEachNodeItsIdPortAndDirectory() {
        StorageCluster cluster =
                StorageCluster.builder().dir(DIR).nodes(3).k(2).m(1).basePort(9201).build();

        assertThat(cluster.urls())
                .containsExactly(
                        URI.create("http://127.0.0.1:9201"),
                        URI.create("http://127.0.0.1:9202"),
                        URI.create("http://127.0.0.1:9203"));
        assertThat(cluster.node(2).nodeId()).isEqualTo("node-3");
        assertThat(cluster.node(2).dataDir()).isEqualTo(DIR.resolve("node-3"));
        assertThat(cluster.node(2).runName()).isEqualTo("storage-node-3");
        assertThat(cluster.node(2).logFile()).isEqualTo(DIR.resolve("node-3/node.log"));
        assertThat(cluster.clusterFile()).isEqualTo(DIR.resolve("cluster.json"));
        assertThat(cluster.clusterSecretFile()).isEqualTo(DIR.resolve("cluster-secret"));
    }

    @Test
    void putsLogsInTheLogDirWhenGivenOne() {
        StorageCluster cluster = StorageCluster.builder().dir(DIR).logDir(Path.of("/logs")).build();

        assertThat(cluster.node(0).logFile()).isEqualTo(Path.of("/logs/storage-node-1.log"));
    }

    @Test
    void writesTheCodeTimeoutAndMembersIntoTheClusterFile() {
        StorageCluster cluster =
                StorageCluster.builder()
                        .dir(DIR)
                        .nodes(3)
                        .k(2)
                        .m(1)
                        .basePort(9201)
                        .segmentSize("64KiB")
                        .startTimeout(Duration.ofSeconds(45))
                        .build();

        assertThat(cluster.clusterJson())
                .isEqualTo(
                        "{\n"
                                + "  \"k\": 2,\n"
                                + "  \"m\": 1,\n"
                                + "  \"segmentSize\": \"64KiB\",\n"
                                + "  \"startupTimeout\": \"45s\",\n"
                                + "  \"nodes\": [\n"
                                + "    {\"id\": \"node-1\", \"url\": \"http://127.0.0.1:9201\"},\n"
                                + "    {\"id\": \"node-2\", \"url\": \"http://127.0.0.1:9202\"},\n"
                                + "    {\"id\": \"node-3\", \"url\": \"http://127.0.0.1:9203\"}\n"
                                + "  ]\n"
                                + "}\n");
    }

    @Test
    void rejectsACodeWiderThanTheCluster() {
        assertThatThrownBy(() -> StorageCluster.builder().dir(DIR).nodes(5).k(4).m(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4+2 puts 6 shards")
                .hasMessageContaining("at most the 5 nodes");
    }

    @Test
    void rejectsPortsBeyondTheLastOne() {
        assertThatThrownBy(() -> StorageCluster.builder().dir(DIR).basePort(65531).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ports 65531..65536");
    }

    @Test
    void rejectsASegmentSizeTheNodeCannotRead() {
        assertThatThrownBy(() -> StorageCluster.builder().dir(DIR).segmentSize("1 MB").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentSize is 1 MB");
    }

    @Test
    void rejectsANodeWithoutAPort() {
        assertThatThrownBy(
                        () ->
                                StorageNodeServer.builder()
                                        .nodeId("node-1")
                                        .url(URI.create("http://127.0.0.1"))
                                        .clusterFile(DIR.resolve("cluster.json"))
                                        .dataDir(DIR)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url is http://127.0.0.1; expected http://<host>:<port>");
    }
}
