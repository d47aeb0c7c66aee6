package io.cere.stack.storage.node.testutils;

import io.cere.stack.storage.node.config.ClusterConfig;
import io.cere.stack.storage.node.config.NodeSettings;
import java.net.URI;
import java.nio.file.Path;

/** The settings of a cluster of one node ({@code solo}, k=1, m=0) on a free loopback port. */
public final class SoloNode {

    public static final String ID = "solo";

    private SoloNode() {}

    /** With the default segment size. */
    public static NodeSettings settings(String source, Path dataDir) {
        return settings(ClusterConfig.builder(), source, dataDir);
    }

    /** With {@code segmentSize}-byte segments. */
    public static NodeSettings settings(String source, Path dataDir, long segmentSize) {
        return settings(ClusterConfig.builder().segmentSize(segmentSize), source, dataDir);
    }

    private static NodeSettings settings(
            ClusterConfig.Builder builder, String source, Path dataDir) {
        int port = NodeProcesses.ports(1)[0];
        ClusterConfig config =
                builder.source(source)
                        .k(1)
                        .m(0)
                        .member(ID, URI.create("http://127.0.0.1:" + port))
                        .build();
        return NodeSettings.of(config, ID, dataDir, null);
    }
}
