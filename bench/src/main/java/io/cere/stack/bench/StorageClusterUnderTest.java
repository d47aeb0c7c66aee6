package io.cere.stack.bench;

import io.cere.stack.servers.FreePorts;
import io.cere.stack.servers.StorageCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The storage cluster under test: {@link StorageCluster} nodes on loopback, each in its own JVM,
 * serving S3 with the run's access key. Client threads spread over the nodes, since any node serves
 * any object.
 */
final class StorageClusterUnderTest implements S3UnderTest {

    static final String HEAP = "256m";

    private final StorageCluster cluster;

    private StorageClusterUnderTest(StorageCluster cluster) {
        this.cluster = cluster;
    }

    /** Writes the credentials file and launches every node without waiting for them. */
    static StorageClusterUnderTest launch(
            Path dir, S3AccessKey key, int nodes, int k, int m, Duration startTimeout)
            throws IOException {
        Files.createDirectories(dir);
        Path credentials = dir.resolve("s3-credentials");
        Files.writeString(
                credentials,
                "# S3 access keys of this benchmark run\n" + key.id() + " " + key.secret() + "\n",
                StandardCharsets.UTF_8);
        StorageCluster cluster =
                StorageCluster.builder()
                        .dir(dir)
                        .nodes(nodes)
                        .k(k)
                        .m(m)
                        .basePort(FreePorts.pickConsecutive(nodes))
                        .heap(HEAP)
                        .s3Credentials(credentials)
                        .logDir(dir.resolve("logs"))
                        .tmpDir(dir.resolve("tmp"))
                        .startTimeout(startTimeout)
                        .build();
        return new StorageClusterUnderTest(cluster.launch());
    }

    @Override
    public void awaitReady() throws Exception {
        cluster.awaitReady();
    }

    @Override
    public String description() {
        return String.format(
                "storage cluster (%d nodes, %d+%d, %d JVMs, -Xmx%s each)",
                cluster.nodes().size(), cluster.k(), cluster.m(), cluster.nodes().size(), HEAP);
    }

    @Override
    public List<URI> endpoints() {
        return cluster.urls();
    }

    @Override
    public List<ServerJvm> jvms() {
        return cluster.nodes().stream()
                .map(node -> new ServerJvm(node.nodeId(), node.pid()))
                .toList();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
